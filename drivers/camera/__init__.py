"""Camera driver: frame capture over OpenCV, QR decoding, and document capture.

Returns decoded text and images only; what a QR text means is decided in ``contract.payloads``.
Modules import OpenCV, NumPy and zxing-cpp themselves, so importing this package is cheap.
"""
