import { InboxOutlined } from '@ant-design/icons';
import { Alert, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { uploadEvidence } from '../../api/upload';

export interface UploadedFile {
  sha256: string;
  name: string;
}

interface Props {
  campaignId: string;
  no: number;
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  /** Told whenever uploads start or finish, so the form can wait for them. */
  onBusyChange?: (busy: boolean) => void;
}

/**
 * Files for a measure's evidence: each uploaded at once in its own request, with a progress bar;
 * the server decides by content what it accepts, and its refusal is shown under the list in words.
 */
export function EvidenceUploader({ campaignId, no, value = [], onChange, onBusyChange }: Props) {
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  const [refusals, setRefusals] = useState<{ uid: string; text: string }[]>([]);

  const update = (next: UploadFile<UploadedFile>[]) => {
    setFiles(next);
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
    const done = next.filter((f) => f.status === 'done' && f.response).map((f) => f.response as UploadedFile);
    // The same content uploaded twice is one piece of evidence.
    const unique = done.filter((f, i) => done.findIndex((g) => g.sha256 === f.sha256) === i);
    if (unique.map((f) => f.sha256).join() !== value.map((f) => f.sha256).join()) onChange?.(unique);
  };

  return (
    <>
      <Upload.Dragger
        multiple
        fileList={files}
        onChange={({ fileList }) => update(fileList as UploadFile<UploadedFile>[])}
        onRemove={(f) => setRefusals((r) => r.filter((x) => x.uid !== f.uid))}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const f = file as File & { uid: string };
          uploadEvidence(campaignId, no, f, (percent) => onProgress?.({ percent })).then(
            (r) => onSuccess?.({ sha256: r.sha256, name: r.name }),
            (e: unknown) => {
              const text = e instanceof ApiError ? e.message : '上传失败，请重试';
              setRefusals((r) => [...r, { uid: f.uid, text: `「${f.name}」${text}` }]);
              onError?.(new Error(text));
            },
          );
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入文件上传</p>
        <p className="ant-upload-hint">会议纪要、制度文件、票据、照片、系统截图等：PDF、图片、Word、Excel、PPT、OFD 或文本，可多选</p>
      </Upload.Dragger>
      {refusals.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title="以下文件未能上传"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {refusals.map((r) => (
                <li key={r.uid}>{r.text}</li>
              ))}
            </ul>
          }
        />
      )}
    </>
  );
}
