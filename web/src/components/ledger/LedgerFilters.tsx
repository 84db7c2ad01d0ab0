import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { STATUS_LABEL, STATUSES, WARNING_LABEL } from '../../../../domain/problem-types';
import { KIND_LABEL } from '../../../../domain/schemas';
import type { LedgerParams } from './useLedgerParams';

interface Props {
  p: LedgerParams;
  departments: string[];
  /** At phone width the filters fold away behind a button. */
  phone: boolean;
}

const DUE_OPTIONS = [7, 15, 30].map((d) => ({ value: String(d), label: `${d} 天内到期` }));
const sized = (w: number, phone: boolean) => ({ width: phone ? '100%' : w });

/** The ledger's filters in one compact bar; every change goes to the URL. */
export function LedgerFilters({ p, departments, phone }: Props) {
  const f = p.filters;
  const [q, setQ] = useState(f.q ?? '');
  const [open, setOpen] = useState(false);
  // Back/forward changes the URL under the box: follow it.
  useEffect(() => setQ(f.q ?? ''), [f.q]);
  const active = Object.keys(f).filter((k) => k !== 'q').length;
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [f.deadlineFrom ? dayjs(f.deadlineFrom) : null, f.deadlineTo ? dayjs(f.deadlineTo) : null];

  const fields = (
    <>
      <Select
        mode="multiple"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
        placeholder="状态"
        aria-label="状态"
        style={sized(220, phone)}
        value={f.status ? f.status.split(',') : []}
        options={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        onChange={(v: string[]) => p.update({ status: v.join(',') })}
      />
      {departments.length > 1 && (
        <Select allowClear showSearch placeholder="责任科室" aria-label="责任科室" style={sized(150, phone)} value={f.department} options={departments.map((d) => ({ value: d, label: d }))} onChange={(v?: string) => p.update({ department: v })} />
      )}
      <Select allowClear placeholder="类型" aria-label="类型" style={sized(120, phone)} value={f.kind} options={Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))} onChange={(v?: string) => p.update({ kind: v })} />
      <Select allowClear placeholder="预警" aria-label="预警" style={sized(100, phone)} value={f.warning} options={(['red', 'yellow', 'none'] as const).map((w) => ({ value: w, label: w === 'none' ? '无预警' : WARNING_LABEL[w] }))} onChange={(v?: string) => p.update({ warning: v })} />
      <Select allowClear placeholder="即将到期" aria-label="即将到期" style={sized(130, phone)} value={f.dueWithinDays} options={DUE_OPTIONS} onChange={(v?: string) => p.update({ dueWithinDays: v })} />
      <DatePicker.RangePicker
        aria-label="整改时限"
        placeholder={['时限起', '时限止']}
        style={sized(240, phone)}
        value={range}
        allowEmpty={[true, true]}
        onChange={(v) => p.update({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD'), deadlineTo: v?.[1]?.format('YYYY-MM-DD') })}
      />
      <Checkbox checked={f.overdue === 'true'} onChange={(e) => p.update({ overdue: e.target.checked ? 'true' : undefined })}>
        只看逾期
      </Checkbox>
      {(active > 0 || f.q) && (
        <Button icon={<ReloadOutlined />} onClick={p.reset}>
          清除筛选
        </Button>
      )}
    </>
  );

  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          placeholder="搜索问题标题、描述或序号"
          aria-label="搜索"
          style={{ width: phone ? undefined : 260, flex: phone ? 1 : undefined }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => p.update({ q: v.trim() || undefined })}
        />
        {phone ? (
          <Badge count={active} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} aria-expanded={open}>
              筛选
            </Button>
          </Badge>
        ) : (
          fields
        )}
      </Flex>
      {phone && open && (
        <Flex vertical gap={8}>
          {fields}
        </Flex>
      )}
    </Flex>
  );
}
