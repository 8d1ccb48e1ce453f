"""Make tests/data/clreq_toc.txt from clreq's index.html (w3c/clreq): every <section id> with the
number respec gives it (appendices lettered) and English title, and the <dt id> terms."""
import html, re, sys
t = open(sys.argv[1], encoding='utf-8').read()
rows = []
depth = 0
counters = []
appendix = 0
for m in re.finditer(r'<section\b([^>]*)>|</section>|<dt\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</dt>', t, re.S):
    if m.group(0).startswith('</section'):
        depth -= 1
        continue
    if m.group(2):       # a <dt id=…> term, e.g. the four prohibition-rule levels
        en = re.search(r'lang="en"[^>]*>(.*?)</span>', m.group(3), re.S)
        title = re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', '', en.group(1)))).strip()
        rows.append((m.group(2), section + ' (term)', title))
        continue
    attrs = m.group(1)
    depth += 1
    ident = re.search(r'\bid="([^"]+)"', attrs).group(1)
    if ident in ('abstract', 'sotd'):
        continue
    rest = t[m.end():m.end() + 2000]
    h = re.search(r'<h([1-6])>(.*?)</h\1>', rest, re.S)
    en = re.search(r'lang="en"[^>]*>(.*?)</span>', h.group(2), re.S)
    title = re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', '', en.group(1)))).strip()
    del counters[depth - 1 + 1:]
    while len(counters) < depth:
        counters.append(0)
    counters[depth - 1] += 1
    if 'appendix' in attrs and depth == 1:
        appendix += 1
    nums = [str(c) for c in counters[:depth]]
    if appendix:
        nums[0] = chr(ord('A') + appendix - 1)
        if depth == 1:
            counters[0] -= 1   # appendices are lettered, not counted with the chapters
    section = '.'.join(nums)
    rows.append((ident, section, title))
for r in rows:
    print('\t'.join(r))
