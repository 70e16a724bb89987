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
    fn format(&self) -> &'static super::Format {
        &super::FORMATS[5]
    }
    fn requires_valid_design(&self) -> bool {
        false
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        let d = diagram::layout(topology, &validate(topology));
        out.write_all(diagram::svg::render(&d).as_bytes())
    }
}
