"""The PDF writer: pages and CID fonts (`write`, `embed`) and the PDF/X-4 keys (`pdfx`)."""
