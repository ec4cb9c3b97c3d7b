import type { FetchResponse, SendLike } from "@plinth/runtime";

/**
 * The REST source's upload transport in the browser: XMLHttpRequest, because fetch reports no
 * upload progress. Same cookies (same origin) and headers as fetch; the answer is read as text.
 */
export const xhrSend: SendLike = (url, init) =>
  new Promise<FetchResponse>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) init.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      const text = xhr.responseText;
      resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, text: async () => text });
    };
    xhr.onerror = () => reject(new Error("the upload could not reach the server"));
    xhr.onabort = () => reject(new Error("the upload was cancelled"));
    xhr.send(init.body as XMLHttpRequestBodyInit);
  });
