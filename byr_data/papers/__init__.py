"""Council papers: the status report and the presentation as documents (PDF via Typst, PowerPoint via
python-pptx), composed from the same view models the pages draw. Pure: no Streamlit; `ui.papers`
only offers the downloads.

- `markup`: text from outside made safe for Typst markup and Typst strings.
- `typeset`: Typst compilation with the shipped fonts (fonts/), language nb, PDF/UA-1.
- `charts`: a chart's Vega-Lite spec at a fixed size, as SVG (vector, for the PDFs) or PNG (for the .pptx).
- `status_report`: the status report to the regional council (A4).
- `deck`, `pptx_deck`: the presentation as a 16:9 PDF and as a PowerPoint file.
"""
