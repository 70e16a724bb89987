//! Renders a [`Diagram`] as a standalone SVG document (the "export as SVG" feature):
//! an embedded stylesheet in AWS-like colours, hover titles with the full names and
//! diagnostics, and every piece of user text XML-escaped.

use std::fmt::Write;

use super::geometry::{Rect, LINE_H, TEXT_FONT, TITLE_FONT};
use super::{Diagram, EdgeKind, Marker, Shape, ShapeKind};
use crate::model::{EntityKind, Point};
use crate::validate::Severity;

const STYLE: &str = r#"
text { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; fill: #16191f; }
.caption { font-size: 11px; font-weight: bold; }
.t { font-size: 12px; font-weight: bold; }
.d { font-size: 11px; fill: #414d5c; }
.box { stroke-width: 1.5; }
.region > rect { fill: #ffffff; stroke: #00a4a6; stroke-dasharray: 10 5; stroke-width: 1.5; }
.region > text { fill: #00777a; }
.vpc > rect { fill: #fbf9ff; stroke: #8c4fff; stroke-dasharray: 7 4; stroke-width: 1.5; }
.vpc > text { fill: #6b2fd6; }
.az > rect { fill: none; stroke: #7d8998; stroke-dasharray: 4 4; }
.az > text { fill: #545b64; font-weight: normal; }
.sg-area > rect, .iam-area > rect { fill: #fafafa; stroke: #d5dbdb; }
.sg-area > text, .iam-area > text { fill: #545b64; }
.tier-public .box { fill: #eef5e4; stroke: #7aa116; }
.tier-private .box { fill: #e8f1fb; stroke: #147eba; }
.tier-isolated .box { fill: #f2f3f3; stroke: #7d8998; }
.igw .box { fill: #f4eeff; stroke: #8c4fff; }
.nat .box { fill: #ffffff; stroke: #8c4fff; }
.internet .box { fill: #232f3e; stroke: #232f3e; }
.internet text { fill: #ffffff; }
.cidr .box { fill: #ffffff; stroke: #545b64; stroke-dasharray: 4 3; }
.sg .box { fill: #fff3f4; stroke: #dd344c; }
.iam .box { fill: #fff8ee; stroke: #e07941; }
.workload .box { fill: #ffffff; stroke: #01a88d; }
.workload-link .box { fill: #e6f6f3; stroke: #01a88d; }
.acl .box { fill: #fdf2e9; stroke: #c2581a; stroke-dasharray: 3 2; }
.acl .t { font-size: 11px; fill: #8a3a0c; }
.edge { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
.edge.internet { stroke: #232f3e; stroke-width: 2.5; }
.edge.route-igw { stroke: #7aa116; }
.edge.route-nat { stroke: #147eba; stroke-dasharray: 6 3; }
.edge.route-nat-cross-az { stroke: #d13212; stroke-width: 2.5; stroke-dasharray: 8 3; }
.edge.traffic { stroke: #687078; }
.label rect { fill: #ffffff; stroke: #d5dbdb; }
.label text { font-size: 11px; fill: #16191f; }
.marked-error .box { stroke: #d13212; stroke-width: 3; }
.marked-warning .box { stroke: #ff9900; stroke-width: 3; }
.marked-info .box { stroke: #0073bb; stroke-width: 2.5; }
.badge-error { fill: #d13212; }
.badge-warning { fill: #ff9900; }
.badge-info { fill: #0073bb; }
.badge-text { fill: #ffffff; font-size: 11px; font-weight: bold; }
"#;

/// Arrowhead colours by edge class (the Internet link has none).
const ARROWS: [(&str, &str); 4] = [
    ("route-igw", "#7aa116"),
    ("route-nat", "#147eba"),
    ("route-nat-cross-az", "#d13212"),
    ("traffic", "#687078"),
];

/// Escapes text for XML content and attribute values, dropping characters XML 1.0
/// cannot hold (most control characters).
///
/// ```
/// use netwright_core::diagram::svg::escape;
/// assert_eq!(escape("a<b & \"c\" 'd'\u{1}"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number with at most one decimal, for compact and stable output: `12`, `-0.5`,
/// `3.3`. Integer arithmetic, so the program needs none of the standard library's
/// float formatting (~10 KB of wasm). The app uses it for every number it shows or
/// writes into an attribute.
pub fn n(v: f64) -> String {
    // `as` saturates: coordinates never come near i64's range.
    let tenths = (v * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

fn rect(out: &mut String, r: &Rect, class: &str, radius: f64) {
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="{}"/>"#,
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h),
        n(radius)
    );
}

fn title(out: &mut String, text: &str, marker: Option<&Marker>) {
    let mut full = text.to_string();
    if let Some(m) = marker {
        for msg in &m.messages {
            full.push('\n');
            full.push_str(msg);
        }
    }
    let _ = write!(out, "<title>{}</title>", escape(&full));
}

fn marker_class(m: Option<&Marker>) -> &'static str {
    match m.map(|m| m.severity) {
        Some(Severity::Error) => " marked-error",
        Some(Severity::Warning) => " marked-warning",
        Some(Severity::Info) => " marked-info",
        None => "",
    }
}

fn shape(out: &mut String, s: &Shape) {
    let id = s
        .entity
        .as_ref()
        .map(|e| format!(r#" data-id="{}""#, escape(e.id.as_str())))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<g class="{}{}"{id}>"#,
        s.class,
        marker_class(s.marker.as_ref())
    );
    title(out, &s.title, s.marker.as_ref());
    rect(out, &s.rect, "box", 6.0);
    for (i, line) in s.lines.iter().enumerate() {
        let (class, font) = if i == 0 {
            ("t", TITLE_FONT)
        } else {
            ("d", TEXT_FONT)
        };
        let base = s.text.y + i as f64 * LINE_H + (LINE_H + font) / 2.0 - 2.0;
        let _ = write!(
            out,
            r#"<text class="{class}" x="{}" y="{}">{}</text>"#,
            n(s.text.x),
            n(base),
            escape(line)
        );
    }
    if let Some(m) = &s.marker {
        let c = Point {
            x: s.rect.right() - 2.0,
            y: s.rect.y + 2.0,
        };
        let _ = write!(
            out,
            r#"<circle class="badge-{}" cx="{}" cy="{}" r="8"/><text class="badge-text" x="{}" y="{}" text-anchor="middle">!</text>"#,
            m.severity.as_str(),
            n(c.x),
            n(c.y),
            n(c.x),
            n(c.y + 4.0)
        );
    }
    out.push_str("</g>");
}

/// The arrowheads the edges use, as a `<defs>` element.
pub fn defs() -> String {
    let mut out = String::from("<defs>");
    for (class, colour) in ARROWS {
        let _ = write!(
            out,
            r#"<marker id="arrow-{class}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
        );
    }
    out.push_str("</defs>");
    out
}

/// The drawing without the `<svg>` element, stylesheet, background or legend: arrow
/// markers ([`defs`]) then every [`part`](parts), for a page that styles them with
/// [`page_style`]. Shapes of entities carry `data-id`, zone columns `data-zone`,
/// edges `data-from`/`data-to` (entity ids, `internet`, or a CIDR node's name).
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let mut out = String::new();
/// netwright_core::diagram::svg::body(&mut out, &netwright_core::diagram::layout(&t, &[]));
/// assert!(out.starts_with("<defs>") && out.contains(r#"data-zone="ap-southeast-1a""#));
/// ```
pub fn body(out: &mut String, d: &Diagram) {
    out.push_str(&defs());
    for part in parts(d) {
        out.push_str(&part);
    }
}

/// The drawing as separate pieces of markup in drawing order: each container, edge,
/// shape and edge label on its own, so a page can replace only the pieces that
/// changed between two layouts.
pub fn parts(d: &Diagram) -> Vec<String> {
    let mut parts = Vec::with_capacity(d.containers.len() + d.shapes.len() + 2 * d.edges.len());
    for c in &d.containers {
        let mut out = String::new();
        let out = &mut out;
        let data = match (&c.zone, &c.entity, &c.parent) {
            (Some(zone), _, Some(vpc)) => format!(
                r#" data-zone="{}" data-vpc="{}""#,
                escape(zone),
                escape(vpc.id.as_str())
            ),
            (_, Some(e), _) if e.kind != EntityKind::Design => {
                format!(r#" data-id="{}""#, escape(e.id.as_str()))
            }
            _ => String::new(),
        };
        let _ = write!(
            out,
            r#"<g class="{}{}"{data}>"#,
            c.class,
            marker_class(c.marker.as_ref())
        );
        title(out, &c.title, c.marker.as_ref());
        rect(out, &c.rect, "box", 10.0);
        let _ = write!(
            out,
            r#"<text class="caption" x="{}" y="{}">{}</text></g>"#,
            n(c.text.x),
            n(c.text.y + 12.0),
            escape(&c.label)
        );
        parts.push(std::mem::take(out));
    }
    for e in &d.edges {
        let mut out = String::new();
        let out = &mut out;
        let points: Vec<String> = e
            .points
            .iter()
            .map(|p| format!("{},{}", n(p.x), n(p.y)))
            .collect();
        let arrow = if e.kind == EdgeKind::Internet {
            String::new()
        } else {
            format!(r#" marker-end="url(#arrow-{})""#, e.kind.class())
        };
        let _ = write!(
            out,
            r#"<polyline class="edge {}" data-from="{}" data-to="{}" points="{}"{arrow}>"#,
            e.kind.class(),
            escape(&node_key(&d.shapes[e.from])),
            escape(&node_key(&d.shapes[e.to])),
            points.join(" ")
        );
        if !e.label.is_empty() {
            title(out, &e.label, None);
        }
        out.push_str("</polyline>");
        parts.push(std::mem::take(out));
    }
    for s in &d.shapes {
        let mut out = String::new();
        shape(&mut out, s);
        parts.push(out);
    }
    for e in &d.edges {
        if let Some(r) = e.label_rect {
            let mut out = String::new();
            let out = &mut out;
            out.push_str(r#"<g class="label">"#);
            title(out, &e.label, None);
            rect(out, &r, "", 3.0);
            let _ = write!(
                out,
                r#"<text x="{}" y="{}">{}</text></g>"#,
                n(r.x + 4.0),
                n(r.y + r.h / 2.0 + 4.0),
                escape(&e.label_shown)
            );
            parts.push(std::mem::take(out));
        }
    }
    parts
}

/// The diagram's stylesheet with every selector scoped under `scope` (e.g.
/// `svg.diagram`), for pages that draw [`body`] and may not use inline styles.
///
/// ```
/// let css = netwright_core::diagram::svg::page_style("svg.diagram");
/// assert!(css.contains("svg.diagram .tier-public .box {"));
/// ```
pub fn page_style(scope: &str) -> String {
    let mut css = String::new();
    for line in STYLE.lines().filter(|l| !l.trim().is_empty()) {
        let (selectors, rule) = line.split_once('{').expect("one rule per line");
        let scoped: Vec<String> = selectors
            .split(',')
            .map(|sel| format!("{scope} {}", sel.trim()))
            .collect();
        let _ = writeln!(css, "{} {{{rule}", scoped.join(", "));
    }
    css
}

/// How an edge's end is named in `data-from`/`data-to`: the entity id, `internet`,
/// or a CIDR node's name (`Inside the VPC`, `Other networks`).
fn node_key(s: &Shape) -> String {
    match (&s.entity, s.kind) {
        (Some(e), _) => e.id.as_str().to_string(),
        (None, ShapeKind::Internet) => "internet".to_string(),
        (None, _) => s.title.split(':').next().unwrap_or_default().to_string(),
    }
}

/// Height of one row of the legend under the diagram.
const LEGEND_ROW_H: f64 = 28.0;

/// The legend's entries: style class, drawn as a line (else a box), label.
const LEGEND: [(&str, bool, &str); 10] = [
    ("tier-public", false, "public subnet"),
    ("tier-private", false, "private with egress"),
    ("tier-isolated", false, "isolated"),
    ("workload", false, "workload"),
    ("acl", false, "network ACL"),
    ("route-igw", true, "route to IGW"),
    ("route-nat", true, "route to NAT"),
    ("route-nat-cross-az", true, "cross-AZ NAT route"),
    ("traffic", true, "allowed traffic"),
    ("nat marked-warning", false, "has diagnostics"),
];

/// Where each legend entry starts when the legend wraps within `[x, right]`.
fn legend_places(x: f64, right: f64) -> Vec<(f64, usize)> {
    let mut places = Vec::new();
    let (mut cx, mut row) = (x, 0);
    for (_, _, label) in LEGEND {
        let w = 36.0 + super::text_width(label, TEXT_FONT);
        if cx > x && cx + w > right {
            cx = x;
            row += 1;
        }
        places.push((cx, row));
        cx += w + 24.0;
    }
    places
}

/// A key to the colours and line styles, wrapped within `[x, right]` from `y` down.
fn legend(out: &mut String, x: f64, y: f64, right: f64) {
    for ((class, line, label), (cx, row)) in LEGEND.into_iter().zip(legend_places(x, right)) {
        let cy = y + row as f64 * LEGEND_ROW_H + LEGEND_ROW_H / 2.0;
        if line {
            let _ = write!(
                out,
                r#"<line class="edge {class}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
                n(cx),
                n(cy),
                n(cx + 28.0),
                n(cy)
            );
        } else {
            let _ = write!(out, r#"<g class="{class}">"#);
            rect(out, &Rect::new(cx, cy - 8.0, 28.0, 16.0), "box", 3.0);
            out.push_str("</g>");
        }
        let _ = write!(
            out,
            r#"<text class="d" x="{}" y="{}">{label}</text>"#,
            n(cx + 36.0),
            n(cy + 4.0)
        );
    }
}

/// The diagram as a standalone SVG document, with a legend under it.
///
/// ```
/// let t = netwright_core::templates::smartinvoice();
/// let svg = netwright_core::diagram::svg::render(&netwright_core::diagram::layout(&t, &[]));
/// assert!(svg.starts_with("<svg") && svg.contains("smartinvoice-public-1a"));
/// ```
pub fn render(d: &Diagram) -> String {
    let (legend_x, legend_right) = (d.bounds.x + 16.0, d.bounds.right() - 16.0);
    let rows = legend_places(legend_x, legend_right)
        .last()
        .map_or(0, |&(_, r)| r + 1);
    let legend_h = rows as f64 * LEGEND_ROW_H;
    let b = Rect {
        h: d.bounds.h + legend_h + 8.0,
        ..d.bounds
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}">"#,
        n(b.x),
        n(b.y),
        n(b.w),
        n(b.h),
        n(b.w),
        n(b.h)
    );
    let _ = write!(out, "<style>{STYLE}</style>");
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff"/>"##,
        n(b.x),
        n(b.y),
        n(b.w),
        n(b.h)
    );
    body(&mut out, d);
    legend(&mut out, legend_x, d.bounds.bottom(), legend_right);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::n;

    #[test]
    fn numbers_have_at_most_one_decimal_like_the_float_formatter() {
        for (v, want) in [
            (12.0, "12"),
            (12.04, "12"),
            (12.05, "12.1"),
            (3.25, "3.3"),
            (-0.5, "-0.5"),
            (-0.04, "0"),
            (-1.5, "-1.5"),
            (-12.0, "-12"),
            (0.0, "0"),
        ] {
            assert_eq!(n(v), want, "{v}");
        }
        for i in -2000..2000 {
            let v = f64::from(i) * 0.037;
            let r = (v * 10.0).round() / 10.0;
            let old = if r == r.trunc() {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            };
            assert_eq!(n(v), old, "{v}");
        }
    }
}
