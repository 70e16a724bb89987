//! Diagram downloads: SVG (the core's `svg` exporter, run by the on-demand module,
//! byte for byte what `netwright export --format svg` writes) and PNG (that SVG drawn into a canvas at
//! twice its size, within the browser's canvas limits).

use leptos::prelude::*;
use netwright_core::jobs::{Reply, Request};
use netwright_core::{export, format};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::editor::Editor;
use crate::jobs;
use crate::storage;

/// The largest side and area of the PNG, in pixels (browsers refuse larger canvases).
const MAX_SIDE: f64 = 16_384.0;
const MAX_AREA: f64 = 64_000_000.0;

/// The diagram's SVG, written by the on-demand module, and its file name; `None`
/// (with the reason in the status bar) when the module cannot be reached.
async fn svg_and_name(editor: Editor) -> Option<(String, String)> {
    let (design, name) = editor.doc.with_untracked(|t| {
        let name = export::format("svg")
            .map(|f| f.file_name(&t.name))
            .unwrap_or_else(|| "diagram.svg".into());
        (format::save(t), name)
    });
    let request = Request::Export {
        design,
        format: "svg".into(),
    };
    match jobs::call(&request).await {
        Reply::Exported { text, .. } => Some((text, name)),
        Reply::Failed { message } => {
            editor.error(message);
            None
        }
        _ => {
            editor.error(jobs::unexpected("export"));
            None
        }
    }
}

/// Downloads the diagram as SVG.
pub fn download_svg(editor: Editor) {
    leptos::task::spawn_local(async move {
        let Some((svg, name)) = svg_and_name(editor).await else {
            return;
        };
        match storage::download(&name, "image/svg+xml", &svg) {
            Ok(()) => editor.info(format!("Downloaded {name}")),
            Err(_) => editor.error("The browser refused the download."),
        }
    });
}

/// The scale a `w`×`h` picture is drawn at: 2, or less to stay within the limits.
pub fn png_scale(w: f64, h: f64) -> f64 {
    if w <= 0.0 || h <= 0.0 {
        return 1.0;
    }
    2.0_f64
        .min(MAX_SIDE / w.max(h))
        .min((MAX_AREA / (w * h)).sqrt())
}

/// Downloads the diagram as PNG. Asynchronous: the SVG is decoded as an image first.
pub fn download_png(editor: Editor) {
    leptos::task::spawn_local(async move {
        let Some((svg, name)) = svg_and_name(editor).await else {
            return;
        };
        let name = name.trim_end_matches(".svg").to_string() + ".png";
        if let Err(e) = start_png(editor, &svg, name) {
            editor.error(format!(
                "The browser could not draw the diagram as PNG ({})",
                e.as_string().unwrap_or_else(|| "unknown error".into())
            ));
        }
    });
}

fn start_png(editor: Editor, svg: &str, name: String) -> Result<(), JsValue> {
    let img = web_sys::HtmlImageElement::new()?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    let loaded = img.clone();
    let onload = Closure::once_into_js(move || {
        if let Err(e) = draw(editor, &loaded, name) {
            editor.error(format!(
                "The browser could not draw the diagram as PNG ({})",
                e.as_string().unwrap_or_else(|| "unknown error".into())
            ));
        }
    });
    let onerror = Closure::once_into_js(move || {
        editor.error("The browser could not decode the diagram to draw it as PNG.");
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&url);
    editor.info("Drawing the PNG…");
    Ok(())
}

fn draw(editor: Editor, img: &web_sys::HtmlImageElement, name: String) -> Result<(), JsValue> {
    let (w, h) = (img.natural_width() as f64, img.natural_height() as f64);
    let scale = png_scale(w, h);
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    canvas.set_width((w * scale).round() as u32);
    canvas.set_height((h * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2D context"))?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, w * scale, h * scale)?;
    let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        let Some(blob) = blob else {
            editor.error("The browser could not encode the PNG (the diagram may be too large).");
            return;
        };
        match storage::download_blob(&name, &blob) {
            Ok(()) => editor.info(format!("Downloaded {name}")),
            Err(_) => editor.error("The browser refused the download."),
        }
    });
    canvas.to_blob(done.unchecked_ref())
}

#[cfg(test)]
mod tests {
    use super::png_scale;

    #[test]
    fn png_scale_stays_within_the_canvas_limits() {
        assert_eq!(png_scale(900.0, 1400.0), 2.0);
        let s = png_scale(20_000.0, 3_000.0);
        assert!(20_000.0 * s <= 16_384.0 + 1e-6);
        let s = png_scale(9_000.0, 9_000.0);
        assert!(81e6 * s * s <= 64e6 + 1.0);
        assert_eq!(png_scale(0.0, 10.0), 1.0);
    }
}
