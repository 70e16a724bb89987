//! Diagram geometry: rectangles, and text measured with a fixed-width font assumption.
//!
//! Text is drawn in a monospace font, so its width is `0.6 em` per column and a label
//! can be fitted to its box without a browser: long names are cut with an ellipsis.

use crate::model::Point;

/// Font size of a shape's first line (its name), in diagram units.
pub const TITLE_FONT: f64 = 12.0;
/// Font size of every other line, container captions and edge labels.
pub const TEXT_FONT: f64 = 11.0;
/// Height of one line of text.
pub const LINE_H: f64 = 16.0;
/// Width of one column of monospace text, as a fraction of the font size.
pub const CHAR_EM: f64 = 0.6;

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Centre point.
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.w / 2.0,
            y: self.y + self.h / 2.0,
        }
    }

    /// Whether `p` lies inside or on the border.
    ///
    /// ```
    /// use netwright_core::{diagram::Rect, model::Point};
    /// assert!(Rect::new(0.0, 0.0, 10.0, 10.0).contains_point(Point { x: 5.0, y: 10.0 }));
    /// ```
    pub fn contains_point(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether `inner` lies entirely inside this rectangle (touching borders allowed).
    pub fn contains(&self, inner: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        inner.x >= self.x - EPS
            && inner.y >= self.y - EPS
            && inner.right() <= self.right() + EPS
            && inner.bottom() <= self.bottom() + EPS
    }

    /// Whether the two rectangles share any area (touching borders do not count).
    ///
    /// ```
    /// use netwright_core::diagram::Rect;
    /// let a = Rect::new(0.0, 0.0, 10.0, 10.0);
    /// assert!(a.overlaps(&Rect::new(5.0, 5.0, 10.0, 10.0)));
    /// assert!(!a.overlaps(&Rect::new(10.0, 0.0, 10.0, 10.0)));
    /// ```
    pub fn overlaps(&self, o: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        self.x < o.right() - EPS
            && o.x < self.right() - EPS
            && self.y < o.bottom() - EPS
            && o.y < self.bottom() - EPS
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }

    /// This rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }
}

/// How many monospace columns a character takes: two for East Asian wide characters
/// and emoji, one otherwise.
fn columns(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// The estimated width of `text` drawn at `font` size in a monospace font.
///
/// ```
/// use netwright_core::diagram::text_width;
/// assert_eq!(text_width("abcde", 10.0), 30.0);
/// ```
pub fn text_width(text: &str, font: f64) -> f64 {
    let cols: usize = text.chars().map(columns).sum();
    cols as f64 * font * CHAR_EM
}

/// `text` made safe to draw (control characters become spaces) and, when it is wider
/// than `max_width` at `font` size, cut in the middle with an ellipsis, keeping its
/// start and its end (names often differ only in their suffix, such as the zone).
///
/// ```
/// use netwright_core::diagram::{fit, text_width};
/// assert_eq!(fit("short", 100.0, 10.0), "short");
/// let cut = fit("project-subnet-public1-us-east-1a", 120.0, 10.0);
/// assert_eq!(cut, "project-su…s-east-1a");
/// assert!(text_width(&cut, 10.0) <= 120.0);
/// ```
pub fn fit(text: &str, max_width: f64, font: f64) -> String {
    // Fast path: printable ASCII that fits (most names).
    if text.bytes().all(|b| (0x20..0x7f).contains(&b))
        && text.len() as f64 * font * CHAR_EM <= max_width
    {
        return text.to_string();
    }
    let clean: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let total: usize = clean.iter().copied().map(columns).sum();
    let budget = (max_width / (font * CHAR_EM)).floor() as usize;
    if total <= budget {
        return clean.into_iter().collect();
    }
    // One column for the ellipsis; the rest split between the start and the end.
    let room = budget.saturating_sub(1);
    let tail_room = room / 2;
    let head_room = room - tail_room;
    let mut head = String::new();
    let mut used = 0;
    for &c in &clean {
        if used + columns(c) > head_room {
            break;
        }
        used += columns(c);
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for &c in clean.iter().rev() {
        if used + columns(c) > tail_room {
            break;
        }
        used += columns(c);
        tail.push(c);
    }
    tail.reverse();
    head.push('…');
    head.extend(tail);
    head
}
