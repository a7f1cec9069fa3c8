import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client";
import { uploadRoll, type UploadProgress, type UploadRequest } from "./roll-upload";

/** Stands in for XMLHttpRequest: records what is sent and answers when the test says. */
class FakeRequest implements UploadRequest {
  opened: [string, string] | null = null;
  headers: Record<string, string> = {};
  sent: Blob | null = null;
  status = 0;
  responseText = "";
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  upload: UploadRequest["upload"] = { onprogress: null };
  open(method: string, url: string) { this.opened = [method, url]; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send(body: Blob) { this.sent = body; }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe("uploadRoll", () => {
  it("posts the file as text/csv to the election's roll and reports progress until the answer", async () => {
    const xhr = new FakeRequest();
    const file = new Blob(["a@x.org\nb@x.org\n"]);
    const seen: UploadProgress[] = [];
    const done = uploadRoll(7, file, (p) => seen.push(p), () => xhr);

    xhr.upload.onprogress?.({ loaded: 5, total: 16, lengthComputable: true });
    xhr.answer(200, { entries: 2, duplicates: 0, blank_lines: 0 });

    expect(await done).toEqual({ entries: 2, duplicates: 0, blank_lines: 0 });
    expect(xhr.opened).toEqual(["POST", "/api/elections/7/roll"]);
    expect(xhr.headers["content-type"]).toBe("text/csv");
    expect(xhr.sent).toBe(file);
    expect(seen).toEqual([{ sent: 5, total: 16 }, { sent: 16, total: 16 }]);
  });

  it("turns a problem answer into an ApiError with its detail", async () => {
    const xhr = new FakeRequest();
    const done = uploadRoll(7, new Blob(["x"]), () => {}, () => xhr);
    xhr.answer(409, { title: "Conflict", status: 409, detail: "Election 7 is no longer a draft: its roll is fixed." });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toContain("its roll is fixed");
  });
});
