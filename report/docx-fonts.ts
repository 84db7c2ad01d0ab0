// Fonts of a party-committee document (党政机关公文格式, GB/T 9704): title in 小标宋, body in
// 仿宋_GB2312 at 三号, first-level headings 黑体, second-level 楷体. These fonts are missing on
// many machines. For Word the document's font table names an alternative for each (w:altName:
// SimSun, FangSong, SimHei, KaiTi, shipped with Windows) and declares it a GB2312 face of its
// family. LibreOffice ignores both and asks fontconfig, which would hand out the first CJK face it
// has (a sans); servers/ensure-office.sh adds aliases so these names resolve to Noto Serif CJK SC
// (Noto Sans CJK SC for 黑体).

export interface FontChoice {
  name: string;
  /** Used by Word when `name` is not installed. */
  altName: string;
  family: 'roman' | 'modern' | 'script';
}

export interface FontSet {
  title: FontChoice;
  body: FontChoice;
  heading1: FontChoice;
  heading2: FontChoice;
  /** Page numbers: 宋体 四号 by the standard. */
  pageNumber: FontChoice;
}

export const OFFICIAL_FONTS: FontSet = {
  title: { name: '方正小标宋简体', altName: 'SimSun', family: 'roman' },
  body: { name: '仿宋_GB2312', altName: 'FangSong', family: 'roman' },
  heading1: { name: '黑体', altName: 'SimHei', family: 'modern' },
  heading2: { name: '楷体_GB2312', altName: 'KaiTi', family: 'script' },
  pageNumber: { name: '宋体', altName: 'SimSun', family: 'roman' },
};

const escapeXml = (s: string): string => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

function fontXml(f: FontChoice): string {
  // charset 86 = GB2312: tells the renderer this is a simplified-Chinese face.
  return (
    `<w:font w:name="${escapeXml(f.name)}"><w:altName w:val="${escapeXml(f.altName)}"/>` +
    `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`
  );
}

/** word/fontTable.xml declaring every font of the set once. */
export function fontTableXml(fonts: FontSet): string {
  const all = new Map<string, FontChoice>();
  for (const f of Object.values(fonts)) all.set(f.name, f);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...all.values()].map(fontXml).join('') +
    '</w:fonts>'
  );
}
