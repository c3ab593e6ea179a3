// ECharts, with only the parts the console draws (tree-shaken into the bundle), and where a page's charts can be
// reached from outside: window.vigil.charts[name] is the ECharts instance (what the browser tests read).
import * as echarts from 'echarts/core';
import {BarChart, LineChart, ScatterChart} from 'echarts/charts';
import {
    DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent,
} from 'echarts/components';
import {CanvasRenderer} from 'echarts/renderers';

echarts.use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent,
    MarkAreaComponent, DataZoomComponent, CanvasRenderer]);

/** A chart in the element, resized with the window and named in window.vigil.charts. */
export function chart(element, name) {
    const instance = echarts.init(element);
    window.addEventListener('resize', () => instance.resize());
    window.vigil = window.vigil || {charts: {}};
    window.vigil.charts[name] = instance;
    return instance;
}
