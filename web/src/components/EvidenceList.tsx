import { DownloadOutlined, EyeOutlined, FileOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { evidenceUrl, type EvidenceItem } from '../api/problems';
import { fileSize } from '../lib/time';

interface Props {
  campaignId: string;
  no: number;
  items: EvidenceItem[];
  /** Render images and PDFs in the page (the review pane), rather than as thumbnails and a preview button. */
  inline?: boolean;
}

const isPdf = (e: EvidenceItem) => e.mime === 'application/pdf';
const isImage = (e: EvidenceItem) => e.inline && !isPdf(e);

/** 佐证材料: text shown as text; files downloadable, images and PDFs previewed in the page. */
export function EvidenceList({ campaignId, no, items, inline = false }: Props) {
  const [pdf, setPdf] = useState<EvidenceItem | null>(null);
  if (items.length === 0) return <Typography.Text type="secondary">暂无佐证材料</Typography.Text>;
  const url = (e: EvidenceItem, asInline = false) => evidenceUrl(campaignId, no, e.sha256, asInline);
  return (
    <Flex vertical gap={12} data-testid="evidence-list">
      {items.map((e) =>
        e.kind === 'text' ? (
          <Flex key={`${e.measureId}-${e.seq}`} gap={8} align="start">
            <FileTextOutlined style={{ marginTop: 4, color: '#1677ff' }} />
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>
          </Flex>
        ) : (
          <div key={`${e.measureId}-${e.seq}`}>
            <Flex gap={8} align="center" wrap>
              <FileOutlined style={{ color: '#1677ff' }} />
              <Typography.Text style={{ wordBreak: 'break-all' }}>{e.name}</Typography.Text>
              <Typography.Text type="secondary">{fileSize(e.size)}</Typography.Text>
              <Space size={0}>
                {isPdf(e) && e.inline && !inline && (
                  <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setPdf(e)}>
                    预览
                  </Button>
                )}
                {e.stored ? (
                  <Button type="link" size="small" icon={<DownloadOutlined />} href={url(e)} download={e.name ?? true}>
                    下载
                  </Button>
                ) : (
                  <Typography.Text type="secondary">（仅记录了文件指纹，未保存文件）</Typography.Text>
                )}
              </Space>
            </Flex>
            {isImage(e) && (
              <div style={{ marginTop: 6 }}>
                <Image src={url(e, true)} alt={e.name ?? '佐证图片'} width={inline ? undefined : 120} style={inline ? { maxWidth: '100%', maxHeight: 480 } : { objectFit: 'cover' }} />
              </div>
            )}
            {isPdf(e) && e.inline && inline && <PdfFrame src={url(e, true)} title={e.name ?? 'PDF'} height={480} />}
          </div>
        ),
      )}
      <Modal open={pdf !== null} title={pdf?.name} footer={null} width={960} onCancel={() => setPdf(null)} destroyOnHidden centered>
        {pdf && <PdfFrame src={url(pdf, true)} title={pdf.name ?? 'PDF'} height="75vh" />}
      </Modal>
    </Flex>
  );
}

/** The browser's own PDF viewer, in a frame of this origin. */
function PdfFrame({ src, title, height }: { src: string; title: string; height: number | string }) {
  return <iframe src={src} title={title} data-testid="pdf-frame" style={{ width: '100%', height, border: '1px solid #f0f0f0', borderRadius: 6, marginTop: 6 }} />;
}
