import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

interface Props {
  accept: string;
  /** What the box says, e.g. "点击或拖入台账文件". */
  text: string;
  hint: string;
  file: File | null;
  onPick(file: File): void;
}

/** Picks one file and keeps it in the page (nothing is sent until the page asks the server). */
export function FilePick({ accept, text, hint, file, onPick }: Props) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      beforeUpload={(f) => {
        onPick(f);
        return false;
      }}
      style={{ padding: '8px 0' }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{file ? `已选择：${file.name}` : text}</p>
      <p className="ant-upload-hint">{file ? '点击或拖入可换一个文件' : hint}</p>
    </Upload.Dragger>
  );
}
