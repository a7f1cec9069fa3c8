// Uploads an election's voter roll (a CSV file, one identifier per line) through the frontend's
// proxy, reporting how much of the file has been sent. XMLHttpRequest, not fetch: only it reports
// upload progress (a streamed fetch body needs HTTP/2, which the local run does not have).

import { ApiError } from "./api/client";
import { problemMessage } from "./api/problem";
import type { RollUploadResult } from "./api/types";

export interface UploadProgress {
  sent: number;
  total: number;
}

/** The part of XMLHttpRequest the upload uses, so a test can stand in for the network. */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  readonly status: number;
  readonly responseText: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
}

export function uploadRoll(
  electionId: number,
  file: Blob,
  onProgress: (p: UploadProgress) => void,
  newRequest: () => UploadRequest = () => new XMLHttpRequest() as unknown as UploadRequest,
): Promise<RollUploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = newRequest();
    xhr.open("POST", `/api/elections/${electionId}/roll`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, "The voting service cannot be reached right now. Check your connection and try again."));
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ sent: file.size, total: file.size });
        resolve(body as RollUploadResult);
      } else {
        reject(new ApiError(xhr.status, problemMessage(xhr.status, body), body));
      }
    };
    xhr.send(file);
  });
}
