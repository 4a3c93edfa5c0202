import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrCodeSvg } from "./qr-code.server";

describe("the certificate's QR code", () => {
  it("is an SVG of the address's QR symbol, one unit a module, with nothing fetched or run", async () => {
    const url = "https://training.example.com/certificates/ZJ9PB-N9G3F";
    const svg = await qrCodeSvg(url);
    const size = QRCode.create(url, { errorCorrectionLevel: "M" }).modules.size;
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}"`));
    expect(svg).not.toMatch(/<script|href=|<image|<foreignObject/i);
    expect(await qrCodeSvg(url)).toBe(svg);
    expect(await qrCodeSvg(`${url}X`)).not.toBe(svg);
  });
});
