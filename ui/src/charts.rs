//! Charts drawn as SVG markup: sessions per week (stacked bars) and programmes side by
//! side (grouped bars). Each chart is an image with a text alternative; the page puts an
//! accessible table with the same figures beside it.

use mentordesk_shared::oversight::{ProgrammeFigures, WeekFigures};

/// The colours of what became of sessions, shared by the charts, legends and tables.
pub const ATTENDED: &str = "#15803d";
pub const NO_SHOW: &str = "#b42318";
pub const UPCOMING: &str = "#1d5fa8";
pub const CANCELLED: &str = "#a8b3b0";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round top for the y axis: 1, 2, 5, 10, 20, 50 … at or above `max`.
pub fn nice_ceiling(max: u32) -> u32 {
    if max <= 4 {
        return 4;
    }
    let mut step = 1u32;
    loop {
        for m in [1, 2, 5] {
            let top = step * m * 4;
            if top >= max {
                return top;
            }
        }
        step = step.saturating_mul(10);
    }
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;

fn y_axis(out: &mut String, top: u32) {
    let plot_h = H - TOP - BOTTOM;
    for i in 0..=4 {
        let value = top * i / 4;
        let y = TOP + plot_h - plot_h * f64::from(i) / 4.0;
        out.push_str(&format!(
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#e2e5e1" stroke-width="1"/><text x="{tx}" y="{ty:.1}" text-anchor="end" font-size="11" fill="#5f6b68">{value}</text>"##,
            x2 = W - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
        ));
    }
}

/// Sessions per week as stacked bars: attended, no-shows, upcoming, then cancelled.
pub fn weekly_bars(weeks: &[WeekFigures], label: &str) -> String {
    let totals: Vec<u32> = weeks
        .iter()
        .map(|w| w.counts.scheduled + w.counts.cancelled)
        .collect();
    let top = nice_ceiling(totals.iter().copied().max().unwrap_or(0));
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / weeks.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut out = format!(
        r#"<svg class="chart-svg" viewBox="0 0 {W} {H}" role="img" aria-label="{}">"#,
        escape(label)
    );
    y_axis(&mut out, top);
    // Label about eight weeks along the axis, whatever the range.
    let every = weeks.len().div_ceil(8).max(1);
    for (i, w) in weeks.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = TOP + plot_h;
        for (n, colour, what) in [
            (w.counts.attended, ATTENDED, "attended"),
            (w.counts.no_show, NO_SHOW, "no-show"),
            (w.counts.upcoming, UPCOMING, "upcoming"),
            (w.counts.cancelled, CANCELLED, "cancelled"),
        ] {
            if n == 0 {
                continue;
            }
            let h = plot_h * f64::from(n) / f64::from(top);
            y -= h;
            out.push_str(&format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{colour}" data-week="{}" data-kind="{what}" data-count="{n}"/>"#,
                w.week_start
            ));
        }
        if i % every == 0 {
            out.push_str(&format!(
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#5f6b68">{}</text>"##,
                x + bar / 2.0,
                H - 10.0,
                w.week_start.format("%-d %b")
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// Programmes side by side: scheduled and attended sessions each.
pub fn programme_bars(programmes: &[ProgrammeFigures], label: &str) -> String {
    let shown = &programmes[..programmes.len().min(12)];
    let top = nice_ceiling(shown.iter().map(|p| p.counts.scheduled).max().unwrap_or(0));
    let row = 26.0;
    let name_w = 170.0;
    let height = row * shown.len().max(1) as f64 + 24.0;
    let plot_w = W - name_w - 50.0;
    let mut out = format!(
        r#"<svg class="chart-svg" viewBox="0 0 {W} {height}" role="img" aria-label="{}">"#,
        escape(label)
    );
    for (i, p) in shown.iter().enumerate() {
        let y = 6.0 + row * i as f64;
        let name: String = if p.name.chars().count() > 24 {
            format!("{}…", p.name.chars().take(23).collect::<String>())
        } else {
            p.name.clone()
        };
        let scheduled = plot_w * f64::from(p.counts.scheduled) / f64::from(top);
        let attended = plot_w * f64::from(p.counts.attended) / f64::from(top);
        out.push_str(&format!(
            r##"<text x="{nx}" y="{ty:.1}" text-anchor="end" font-size="12" fill="#1c2624">{name}</text><rect x="{name_w}" y="{y:.1}" width="{scheduled:.1}" height="9" rx="2" fill="#9cc9c2"/><rect x="{name_w}" y="{y2:.1}" width="{attended:.1}" height="9" rx="2" fill="{ATTENDED}"/><text x="{vx:.1}" y="{ty:.1}" font-size="11" fill="#5f6b68">{s} / {a}</text>"##,
            nx = name_w - 8.0,
            ty = y + 13.0,
            name = escape(&name),
            y2 = y + 10.0,
            vx = name_w + scheduled.max(attended) + 6.0,
            s = p.counts.scheduled,
            a = p.counts.attended,
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(0), 4);
        assert_eq!(nice_ceiling(5), 8);
        assert_eq!(nice_ceiling(9), 20);
        assert_eq!(nice_ceiling(41), 80);
        assert_eq!(nice_ceiling(1234), 2000);
    }
}
