import Taro from '@tarojs/taro';
import Echarts from 'taro-react-echarts';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  type: 'line' | 'bar';
  data: Array<number | null>;
  color: string;
}

/** The page's content width: the chart needs pixels before layout (a percentage renders it a few pixels wide). */
const PAGE_PADDING = 16;
function chartWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth - 2 * PAGE_PADDING;
  } catch {
    return 343;
  }
}

/** A small daily trend chart (ECharts, only in this admin sub-package). */
export function TrendChart({ days, series, unit }: { days: string[]; series: Series[]; unit?: string }) {
  const option = {
    animation: false,
    grid: { left: 40, right: 12, top: 48, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: days.map((day) => day.slice(5)), axisLabel: { fontSize: 12 } },
    yAxis: { type: 'value', name: unit ?? '', minInterval: 1, axisLabel: { fontSize: 12 } },
    series: series.map((item) => ({ name: item.name, type: item.type, data: item.data, itemStyle: { color: item.color }, connectNulls: true })),
  };
  return <Echarts echarts={echarts} option={option} style={{ width: `${chartWidth()}px`, height: '240px' }} />;
}
