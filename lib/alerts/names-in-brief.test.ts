import { expect, it } from "vitest";
import { namesInBrief } from "./grouped-causes";

it("names up to four merchants in full, and past that the first three and how many more", () => {
  expect(namesInBrief([])).toBe("");
  expect(namesInBrief(["Alder & Oak"])).toBe("Alder & Oak");
  expect(namesInBrief(["Alder & Oak", "Bright Trail"])).toBe("Alder & Oak and Bright Trail");
  expect(namesInBrief(["A", "B", "C", "D"])).toBe("A, B, C and D");
  expect(namesInBrief(["A", "B", "C", "D", "E"])).toBe("A, B, C and 2 more merchants");
  const many = Array.from({ length: 200 }, (_, i) => `Merchant ${i + 1}`);
  expect(namesInBrief(many)).toBe("Merchant 1, Merchant 2, Merchant 3 and 197 more merchants");
});
