//! Pan and zoom: where the diagram sits on screen. Pure arithmetic, tested natively.
//! A diagram point `p` is drawn at `p * k + (x, y)` in stage pixels.

use netwright_core::diagram::{svg::n, Rect};
use netwright_core::model::Point;

/// The smallest and largest zoom factors.
pub const MIN_ZOOM: f64 = 0.02;
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 4.0;
/// Margin kept around the diagram by [`View::fit`], in stage pixels.
const FIT_MARGIN: f64 = 24.0;

/// Where an `<svg>` of the diagram goes on the stage (see [`View::placement`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The `width` attribute.
    pub width: String,
    /// The `height` attribute.
    pub height: String,
    /// The `viewBox` attribute.
    pub view_box: String,
    /// The CSS `transform`.
    pub transform: String,
}

/// The stage's view of the diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Horizontal offset in stage pixels.
    pub x: f64,
    /// Vertical offset in stage pixels.
    pub y: f64,
    /// Zoom factor.
    pub k: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 0.0,
            y: 0.0,
            k: 1.0,
        }
    }
}

impl View {
    /// How an `<svg>` showing `bounds` is placed: its `width` and `height` (the zoom,
    /// applied by the browser's layout), its `viewBox`, and the CSS transform that pans
    /// it (a translation only, which the compositor applies without redrawing).
    pub fn placement(&self, bounds: &Rect) -> Placement {
        Placement {
            width: n((bounds.w * self.k).max(1.0)),
            height: n((bounds.h * self.k).max(1.0)),
            view_box: format!(
                "{} {} {} {}",
                n(bounds.x),
                n(bounds.y),
                n(bounds.w.max(1.0)),
                n(bounds.h.max(1.0))
            ),
            transform: format!(
                "translate({}px, {}px)",
                n(self.x + bounds.x * self.k),
                n(self.y + bounds.y * self.k)
            ),
        }
    }

    /// The diagram point under a stage point.
    pub fn to_diagram(&self, stage: Point) -> Point {
        Point {
            x: (stage.x - self.x) / self.k,
            y: (stage.y - self.y) / self.k,
        }
    }

    /// The whole of `bounds` centred in a `w`×`h` stage, at most at 100 %.
    pub fn fit(bounds: &Rect, w: f64, h: f64) -> View {
        if bounds.w <= 0.0 || bounds.h <= 0.0 || w <= 0.0 || h <= 0.0 {
            return View::default();
        }
        let k = ((w - 2.0 * FIT_MARGIN) / bounds.w)
            .min((h - 2.0 * FIT_MARGIN) / bounds.h)
            .clamp(MIN_ZOOM, 1.0);
        let c = bounds.center();
        View {
            x: w / 2.0 - c.x * k,
            y: h / 2.0 - c.y * k,
            k,
        }
    }

    /// Zooms by `factor` keeping the diagram point under `stage` where it is.
    pub fn zoom_at(&self, stage: Point, factor: f64) -> View {
        let k = (self.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let p = self.to_diagram(stage);
        View {
            x: stage.x - p.x * k,
            y: stage.y - p.y * k,
            k,
        }
    }

    /// Moved by `dx`, `dy` stage pixels.
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        View {
            x: self.x + dx,
            y: self.y + dy,
            k: self.k,
        }
    }

    /// The view panned (never zoomed) just enough that `r` is inside a `w`×`h` stage
    /// with a margin; unchanged when it already is. A rect larger than the stage
    /// has its top-left corner brought into view.
    pub fn reveal(&self, r: &Rect, w: f64, h: f64) -> View {
        let m = FIT_MARGIN;
        let axis = |offset: f64, start: f64, len: f64, stage: f64| {
            let (a, b) = (start * self.k + offset, (start + len) * self.k + offset);
            if a < m || b - a > stage - 2.0 * m {
                offset + (m - a)
            } else if b > stage - m {
                offset - (b - (stage - m))
            } else {
                offset
            }
        };
        View {
            x: axis(self.x, r.x, r.w, w),
            y: axis(self.y, r.y, r.h, h),
            k: self.k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn fit_centres_and_never_enlarges() {
        let b = Rect::new(-16.0, -16.0, 908.0, 1446.0);
        let v = View::fit(&b, 800.0, 600.0);
        assert!(v.k < 1.0);
        let c = v.to_diagram(Point { x: 400.0, y: 300.0 });
        assert!(close(c, b.center()));
        // Whole diagram inside the stage.
        assert!(b.y * v.k + v.y >= 23.9 && b.bottom() * v.k + v.y <= 576.1);
        let small = View::fit(&Rect::new(0.0, 0.0, 100.0, 50.0), 800.0, 600.0);
        assert_eq!(small.k, 1.0);
        assert_eq!(View::fit(&b, 0.0, 0.0), View::default());
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let v = View {
            x: 30.0,
            y: -20.0,
            k: 0.5,
        };
        let at = Point { x: 200.0, y: 150.0 };
        let before = v.to_diagram(at);
        let z = v.zoom_at(at, 1.7);
        assert!(close(z.to_diagram(at), before));
        assert_eq!(v.zoom_at(at, 1e9).k, MAX_ZOOM);
        assert_eq!(v.zoom_at(at, 1e-9).k, MIN_ZOOM);
    }

    #[test]
    fn placement_maps_diagram_points_like_to_diagram() {
        let v = View {
            x: 30.0,
            y: -20.0,
            k: 0.5,
        };
        let b = Rect::new(-16.0, -16.0, 900.0, 1400.0);
        let p = v.placement(&b);
        assert_eq!((p.width.as_str(), p.height.as_str()), ("450", "700"));
        assert_eq!(p.view_box, "-16 -16 900 1400");
        // The viewBox's corner (-16, -16) lands where the view puts that point.
        assert_eq!(p.transform, "translate(22px, -28px)");
        let corner = v.to_diagram(Point { x: 22.0, y: -28.0 });
        assert!(close(corner, Point { x: -16.0, y: -16.0 }));
    }

    #[test]
    fn reveal_pans_only_when_needed() {
        let v = View::default();
        let inside = Rect::new(100.0, 100.0, 50.0, 50.0);
        assert_eq!(v.reveal(&inside, 800.0, 600.0), v);
        let right = Rect::new(1000.0, 100.0, 50.0, 50.0);
        let r = v.reveal(&right, 800.0, 600.0);
        assert_eq!(r.y, 0.0);
        assert!((1050.0 + r.x - (800.0 - 24.0)).abs() < 1e-9);
        let above = Rect::new(10.0, -500.0, 50.0, 50.0);
        assert!((v.reveal(&above, 800.0, 600.0).y - 524.0).abs() < 1e-9);
    }
}
