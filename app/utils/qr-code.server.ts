import QRCode from "qrcode";

/**
 * A QR code of `text` as an SVG document, drawn on the server (no request leaves it, no script runs in the page).
 * Medium error correction survives a crease or a smudge on a printed page; the quiet zone is left to the page's
 * layout.
 */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 0, color: { dark: "#000000", light: "#ffffff" } });
}
