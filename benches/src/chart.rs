//! The SVG chart embedded in RESULTS.md, drawn with plotters.
//!
//! One horizontal group of bars per program, one bar per runtime that has a
//! checked measurement, on a log axis (values span three orders of
//! magnitude between CPython and LuaJIT). Missing and failed cells simply have
//! no bar; the tables say why. Labels are plain SVG text, so the file needs no
//! font at build time.

use std::path::Path;

use plotters::prelude::*;

/// One bar per program (None where there is no checked value).
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

pub struct ChartData {
    pub title: String,
    pub axis: String,
    pub programs: Vec<String>,
    pub series: Vec<Series>,
    /// Draw a reference line at this value (1.0 for ratios).
    pub marker: Option<f64>,
}

const COLORS: &[RGBColor] = &[
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("chart: {e}")
}

/// Writes the chart to `path`. Fails only on I/O or when nothing has a value.
pub fn draw(data: &ChartData, path: &Path) -> Result<(), String> {
    let series: Vec<&Series> = data
        .series
        .iter()
        .filter(|s| s.values.iter().any(|v| v.is_some_and(|x| x > 0.0)))
        .collect();
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .filter(|v| *v > 0.0 && v.is_finite())
        .collect();
    if values.is_empty() {
        return Err("chart: no measurement to draw".to_string());
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    // Whole decades, so the log axis labels both ends; the headroom on the
    // right keeps the legend clear of the longest bars.
    let lo = 10f64.powf((lo.min(data.marker.unwrap_or(lo)) / 1.2).log10().floor());
    let hi = 10f64.powf((hi.max(data.marker.unwrap_or(hi)) * 3.0).log10().ceil());

    let n = data.programs.len();
    let per_group = series.len().max(1);
    let bar_px = 7u32;
    let height = 140 + n as u32 * (per_group as u32 * bar_px + 14);
    let root = SVGBackend::new(path, (1000, height)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(&data.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(130)
        .build_cartesian_2d((lo..hi).log_scale(), 0f64..n as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(&data.axis)
        .x_label_formatter(&|v| {
            if *v >= 1.0 {
                format!("{v:.0}")
            } else {
                format!("{v}")
            }
        })
        .draw()
        .map_err(err)?;

    // Program names sit left of their group; the group for program i spans
    // y in [n - i - 1, n - i) so the first program is at the top.
    for (i, name) in data.programs.iter().enumerate() {
        let center = n as f64 - i as f64 - 0.5;
        let (_, py) = chart.backend_coord(&(lo, center));
        let px = chart.plotting_area().get_pixel_range().0.start;
        let style = ("sans-serif", 13).into_font().color(&BLACK).pos(
            plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Right,
                plotters::style::text_anchor::VPos::Center,
            ),
        );
        root.draw(&Text::new(name.clone(), (px - 8, py), style))
            .map_err(err)?;
    }

    let slot = 0.8 / per_group as f64;
    for (k, s) in series.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let bars = s.values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            let top = n as f64 - i as f64 - 0.1 - k as f64 * slot;
            Some(Rectangle::new(
                [(lo, top - slot * 0.9), (v, top)],
                color.filled(),
            ))
        });
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(s.label.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    if let Some(m) = data.marker {
        chart
            .draw_series(LineSeries::new(
                [(m, 0.0), (m, n as f64)],
                BLACK.stroke_width(1),
            ))
            .map_err(err)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_one_bar_per_value_and_a_legend_entry_per_series() {
        let dir = std::env::temp_dir().join(format!("metatrace-chart-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.svg");
        let data = ChartData {
            title: "t".into(),
            axis: "x".into(),
            programs: vec!["alpha".into(), "beta".into()],
            series: vec![
                Series {
                    label: "one".into(),
                    values: vec![Some(1.0), Some(2.0)],
                },
                Series {
                    label: "two".into(),
                    values: vec![Some(0.5), None],
                },
                Series {
                    label: "none".into(),
                    values: vec![None, None],
                },
            ],
            marker: Some(1.0),
        };
        draw(&data, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        // plotters writes each text element's content on a line of its own.
        let has_text = |t: &str| svg.lines().any(|l| l.trim() == t);
        assert!(has_text("alpha") && has_text("beta"));
        assert!(has_text("one") && has_text("two"));
        assert!(
            !has_text("none"),
            "a series without values gets no legend entry"
        );
        // Three values, three bars in the plot (legend swatches are rects too).
        let bars = svg.matches("<rect").count();
        assert!(bars >= 3 + 2, "{bars} rects");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn chart_without_values_is_an_error() {
        let data = ChartData {
            title: "t".into(),
            axis: "x".into(),
            programs: vec!["a".into()],
            series: vec![Series {
                label: "s".into(),
                values: vec![None],
            }],
            marker: None,
        };
        assert!(draw(&data, Path::new("/nonexistent/x.svg")).is_err());
    }
}
