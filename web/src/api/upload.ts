import { ApiError } from './client';
import { problemApi, type UploadResult } from './problems';

// One evidence file per request (multipart field `file`). XMLHttpRequest rather than fetch: fetch
// cannot report upload progress, and people want to see a large scan creep forward.

export function uploadEvidence(campaignId: string, no: number, file: File, onProgress: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${problemApi(campaignId, no)}/evidence`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', '上传失败：无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') return resolve(body as UploadResult);
      const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      // A proxy may refuse a large body before the server sees it: say so in words.
      const fallback = xhr.status === 413 ? '文件过大，服务器拒绝接收' : `上传失败（${xhr.status}）`;
      reject(new ApiError(xhr.status, e?.code ?? 'Unknown', e?.message ?? fallback));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
