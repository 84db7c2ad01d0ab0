import { BarChart, HeatmapChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ECElementEvent, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

// Only the charts and components the desk draws: importing 'echarts' whole would double the bundle.
use([BarChart, HeatmapChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartClick = ECElementEvent;

interface Props {
  option: EChartsCoreOption;
  /** A click on a data item (a slice, a bar, a cell). */
  onClick?: (e: ChartClick) => void;
  /** A click anywhere in the plot, in chart pixels: lets a whole band be a tap target, not just its bar. */
  onPlotClick?: (chart: ECharts, x: number, y: number) => void;
  height?: number;
  style?: CSSProperties;
  /** Names the chart for screen readers and tests. */
  label: string;
}

/** One ECharts instance in a div: follows its option, resizes with its box, gone with the component. */
export function EChart({ option, onClick, onPlotClick, height = 320, style, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // Latest handlers without re-binding: the instance lives as long as the component.
  const handlers = useRef({ onClick, onPlotClick });
  handlers.current = { onClick, onPlotClick };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => handlers.current.onClick?.(e as ECElementEvent));
    c.getZr().on('click', (e) => handlers.current.onPlotClick?.(c, e.offsetX, e.offsetY));
    // The box follows the window and the side menu; the chart follows the box.
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  const clickable = onClick || onPlotClick;
  return <div ref={box} role="img" aria-label={label} data-testid={`chart-${label}`} style={{ width: '100%', height, cursor: clickable ? 'pointer' : undefined, ...style }} />;
}
