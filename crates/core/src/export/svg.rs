//! The `svg` exporter: the diagram as a standalone SVG document, for docs and reviews.
//! Diagnostics are drawn as markers, so designs with errors export too.

use std::io;

use super::Exporter;
use crate::diagram;
use crate::model::Topology;
use crate::validate::validate;

/// Writes the laid-out diagram (with hand-set positions and diagnostic markers).
pub struct Svg;

impl Exporter for Svg {
    fn name(&self) -> &'static str {
        "svg"
    }
    fn description(&self) -> &'static str {
        "Diagram (SVG): the drawing of the design, for docs and reviews"
    }
    fn file_name(&self, design: &str) -> String {
        format!("{}-diagram.svg", crate::export::file_stem(design))
    }
    fn media_type(&self) -> &'static str {
        "image/svg+xml"
    }
    fn requires_valid_design(&self) -> bool {
        false
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        let d = diagram::layout(topology, &validate(topology));
        out.write_all(diagram::svg::render(&d).as_bytes())
    }
}
