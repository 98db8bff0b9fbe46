//! Exports from the window: the data, tables, figures (PNG, SVG, PDF) and the offline
//! page. Each runs on a worker thread, like loading: the frame keeps drawing, the top bar
//! shows what is being made and how far it got, and Cancel stops it before anything is
//! written. The file is written atomically, and only replaces one when the user said so.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use super::*;
use crate::files::WriteError;

/// Why an export did not write its file.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    #[error(transparent)]
    Data(#[from] crate::model::export::ExportError),
    #[error(transparent)]
    Table(#[from] csv::Error),
    #[error(transparent)]
    Figure(#[from] crate::scene::FigureError),
    #[error(transparent)]
    Page(#[from] crate::scene::HtmlError),
    #[error(transparent)]
    Animation(#[from] crate::scene::animate::AnimationError),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The user pressed Cancel; nothing was written.
    #[error("cancelled")]
    Cancelled,
    /// The worker thread died (a bug): said, not hidden.
    #[error("the export stopped unexpectedly: {0}")]
    Crashed(String),
}

/// What a running export shares with its worker.
#[derive(Default)]
pub struct ExportProgress {
    cancel: AtomicBool,
    /// Bytes made so far (data and tables grow as they are written).
    bytes: AtomicU64,
    /// How much is done, in thousandths, when it can be counted (an animation's frames).
    thousandths: std::sync::atomic::AtomicU32,
}

impl ExportProgress {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A writer that counts what passes through it and stops when the export is cancelled.
struct Counting<'a> {
    out: &'a mut Vec<u8>,
    progress: &'a ExportProgress,
}

impl std::io::Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.progress.cancelled() {
            // Not `Interrupted`: `write_all` retries that forever.
            return Err(std::io::Error::other("cancelled"));
        }
        self.out.extend_from_slice(buf);
        self.progress
            .bytes
            .fetch_add(buf.len() as u64, Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What an export job runs: the file's bytes and the message that says it was written.
type Make = dyn FnOnce(&ExportProgress) -> Result<(Vec<u8>, Message), ExportFailure> + Send;

/// An export running on a worker thread.
pub struct ExportJob {
    /// What is made, for the top bar ("PNG", "CSV").
    pub kind: String,
    pub path: PathBuf,
    started: Instant,
    progress: Arc<ExportProgress>,
    done: mpsc::Receiver<Result<Message, ExportFailure>>,
}

impl ExportJob {
    /// Runs `make` on a worker thread and writes what it returns to `path`; `done` is the
    /// message on success. `wake` asks for a frame when the job ends.
    fn start(
        kind: String,
        path: PathBuf,
        existing: Existing,
        wake: impl Fn() + Send + 'static,
        make: impl FnOnce(&ExportProgress) -> Result<(Vec<u8>, Message), ExportFailure> + Send + 'static,
    ) -> Self {
        let progress = Arc::new(ExportProgress::default());
        let (send, done) = mpsc::channel();
        let shared = Arc::clone(&progress);
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let (bytes, message) = make(&shared)?;
                    if shared.cancelled() {
                        return Err(ExportFailure::Cancelled);
                    }
                    write_atomically(&target, &bytes, existing)?;
                    Ok(message)
                }))
                .unwrap_or_else(|panic| Err(ExportFailure::Crashed(panic_text(&panic))));
                let result = match result {
                    Err(_) if shared.cancelled() => Err(ExportFailure::Cancelled),
                    other => other,
                };
                let _ = send.send(result);
                wake();
            });
        if let Err(e) = spawned {
            let (send, receiver) = mpsc::channel();
            let _ = send.send(Err(ExportFailure::Crashed(e.to_string())));
            return Self {
                kind,
                path,
                started: Instant::now(),
                progress,
                done: receiver,
            };
        }
        Self {
            kind,
            path,
            started: Instant::now(),
            progress,
            done,
        }
    }

    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelling(&self) -> bool {
        self.progress.cancelled()
    }

    /// Seconds since it started, bytes made so far, and the share done when it is known.
    pub fn progress(&self) -> (f32, u64, Option<f32>) {
        let thousandths = self.progress.thousandths.load(Ordering::Relaxed);
        (
            self.started.elapsed().as_secs_f32(),
            self.progress.bytes.load(Ordering::Relaxed),
            (thousandths > 0).then(|| thousandths as f32 / 1000.0),
        )
    }

    fn poll(&self) -> Option<Result<Message, ExportFailure>> {
        match self.done.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(ExportFailure::Crashed(
                "the worker thread ended without an answer".into(),
            ))),
        }
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// The Export window's preview of the figure: drawn small on a worker thread whenever
/// what it would show changes, so the window never waits for it.
#[derive(Default)]
pub struct PreviewState {
    key: Option<(Output, crate::scene::FigureOptions)>,
    texture: Option<egui::TextureHandle>,
    failed: bool,
    pending: Option<mpsc::Receiver<Result<crate::scene::Image, crate::scene::FigureError>>>,
}

impl PreviewState {
    pub fn shown(&self) -> crate::ui::export_dialog::Preview<'_> {
        use crate::ui::export_dialog::Preview;
        match (&self.texture, self.failed) {
            (Some(texture), _) if self.pending.is_none() => Preview::Ready(texture),
            (_, true) => Preview::Unavailable,
            _ => Preview::Drawing,
        }
    }
}

impl MemoryMapApp {
    /// Keeps the Export window's preview in step with the figure chosen there.
    pub(super) fn update_preview(&mut self, ctx: &egui::Context) {
        let Some((format, size)) = self.export_dialog.as_ref().and_then(|d| d.picture()) else {
            self.preview = PreviewState::default();
            return;
        };
        let mut options = crate::scene::FigureOptions {
            size,
            ..self.figure_options()
        };
        if format.is_animation() {
            // An animation has no comparison; its first frame is like the shown year's.
            options.compare = None;
        }
        // SVG, PDF and PNG draw the same figure: one preview serves them all.
        let kind = if format.is_animation() {
            Output::Gif
        } else {
            Output::Png
        };
        let key = (kind, options.clone());
        if self.preview.key.as_ref() != Some(&key) {
            let (send, receive) = mpsc::channel();
            let dataset = Arc::clone(&self.dataset);
            let scale = crate::ui::export_dialog::PREVIEW_WIDTH * ctx.pixels_per_point()
                / size.0.max(1) as f32;
            let wake = self.waker();
            let spawned = std::thread::Builder::new()
                .name("export preview".into())
                .spawn(move || {
                    let scene = crate::scene::build(&dataset, &options);
                    let _ = send.send(crate::scene::to_image(&scene, scale));
                    wake();
                });
            self.preview.key = Some(key);
            self.preview.failed = spawned.is_err();
            self.preview.pending = spawned.is_ok().then_some(receive);
        }
        if let Some(pending) = &self.preview.pending {
            match pending.try_recv() {
                Ok(Ok(image)) => {
                    let pixels = egui::ColorImage::from_rgba_unmultiplied(
                        [image.width as usize, image.height as usize],
                        &image.rgba,
                    );
                    self.preview.texture = Some(ctx.load_texture(
                        "export preview",
                        pixels,
                        egui::TextureOptions::LINEAR,
                    ));
                    self.preview.pending = None;
                    self.preview.failed = false;
                }
                Ok(Err(e)) => {
                    log::warn!("the export preview could not be drawn: {e}");
                    self.preview.pending = None;
                    self.preview.failed = true;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.preview.pending = None;
                    self.preview.failed = true;
                }
            }
        }
    }

    /// Starts an export on the worker thread (one at a time).
    pub(super) fn export(&mut self, request: ExportRequest) {
        if self.exporting.is_some() {
            self.status = Some(Message::failure("status.export_busy"));
            return;
        }
        let existing = if request.replace {
            Existing::Replace
        } else {
            Existing::Keep
        };
        let dataset = Arc::clone(&self.dataset);
        let path = request.path.clone();
        let shown = path.display().to_string();
        let kind = match request.format {
            Output::CityTable | Output::CompareTable => "CSV".to_owned(),
            Output::CslJson => "CSL-JSON".to_owned(),
            Output::Bibtex => "BibTeX".to_owned(),
            other => other.extension().to_uppercase(),
        };
        let make: Box<Make> = match request.format {
            Output::Data(format) => {
                let scope = request.scope;
                let what = match scope {
                    Scope::All => Arg::LowerWords("export.all_years"),
                    Scope::Year(y) => Arg::Text(y.to_string()),
                };
                let kind = kind.clone();
                Box::new(move |progress| {
                    let mut bytes = Vec::new();
                    format.write(
                        &dataset,
                        scope,
                        Counting {
                            out: &mut bytes,
                            progress,
                        },
                    )?;
                    let message = Message::success("status.exported")
                        .with("format", kind)
                        .with_arg("what", what)
                        .with("path", shown);
                    Ok((bytes, message))
                })
            }
            Output::CityTable | Output::CompareTable => {
                let year = self.choice.year;
                let compare = self
                    .choice
                    .compare
                    .filter(|&c| c != year && request.format == Output::CompareTable);
                Box::new(move |progress| {
                    let mut bytes = Vec::new();
                    let out = Counting {
                        out: &mut bytes,
                        progress,
                    };
                    let what = match compare {
                        Some(other) => {
                            let (from, to) = (other.min(year), other.max(year));
                            crate::model::table::write_compare_table(&dataset, from, to, out)?;
                            format!("{from} → {to}")
                        }
                        None => {
                            crate::model::table::write_city_table(&dataset, year, out)?;
                            year.to_string()
                        }
                    };
                    let message = Message::success("status.exported")
                        .with("format", "CSV")
                        .with("what", what)
                        .with("path", shown);
                    Ok((bytes, message))
                })
            }
            citations @ (Output::CslJson | Output::Bibtex) => {
                use crate::model::bibliography::{self, DatasetCitation, Selection};
                let selection = Selection {
                    year: Some(self.choice.year),
                    city: self.choice.selected,
                };
                let citation = DatasetCitation {
                    sha256: self.data_sha256.clone(),
                };
                let kind = kind.clone();
                let year = self.choice.year;
                Box::new(move |_| {
                    let text = if citations == Output::CslJson {
                        bibliography::to_csl_json(&dataset, selection, &citation)
                    } else {
                        bibliography::to_bibtex(&dataset, selection, &citation)
                    };
                    let message = Message::success("status.exported")
                        .with("format", kind)
                        .with("what", year)
                        .with("path", shown);
                    Ok((text.into_bytes(), message))
                })
            }
            Output::Html => {
                let page = crate::scene::HtmlOptions {
                    lang: self.choice.lang,
                    year: Some(self.choice.year),
                    title: None,
                    data_label: self.data_origin(),
                };
                Box::new(move |_| {
                    let bytes = crate::scene::to_html(&dataset, &page)?.into_bytes();
                    Ok((
                        bytes,
                        Message::success("status.exported_page").with("path", shown),
                    ))
                })
            }
            animation @ (Output::Gif | Output::Apng | Output::Mp4 | Output::Webm) => {
                use crate::scene::animate::{self, Animation, Timing};
                let options = crate::scene::FigureOptions {
                    size: request.size,
                    ..self.figure_options()
                };
                let years = request.years.0..=request.years.1;
                let format = match animation {
                    Output::Gif => Animation::Gif,
                    Output::Mp4 => Animation::Mp4,
                    Output::Webm => Animation::Webm,
                    _ => Animation::Apng,
                };
                Box::new(move |progress| {
                    let scenes = animate::scenes(&dataset, years.clone(), &options);
                    let bytes =
                        animate::write(&scenes, format, 1.0, Timing::default(), |done, all| {
                            // Drawing the frames is most of the work, but not all: the
                            // encoding after it is the last tenth.
                            let share = (done * 900 / all.max(1)) as u32;
                            progress.thousandths.store(share.max(1), Ordering::Relaxed);
                            if progress.cancelled() {
                                std::ops::ControlFlow::Break(())
                            } else {
                                std::ops::ControlFlow::Continue(())
                            }
                        })?;
                    let message = Message::success("status.exported_animation")
                        .with("from", years.start())
                        .with("to", years.end())
                        .with("path", shown);
                    Ok((bytes, message))
                })
            }
            figure @ (Output::Png | Output::Svg | Output::Pdf) => {
                let options = crate::scene::FigureOptions {
                    size: request.size,
                    ..self.figure_options()
                };
                let grid = request.grid.then_some(request.years.0..=request.years.1);
                Box::new(move |progress| {
                    let scene = match grid {
                        Some(years) => crate::scene::build_grid(&dataset, years, &options),
                        None => crate::scene::build(&dataset, &options),
                    };
                    if progress.cancelled() {
                        return Err(ExportFailure::Cancelled);
                    }
                    let bytes = match figure {
                        Output::Svg => crate::scene::to_svg(&scene).into_bytes(),
                        Output::Pdf => crate::scene::to_pdf(&scene)?,
                        _ => crate::scene::to_png(&scene, 1.0)?,
                    };
                    let message = Message::success("status.exported_map")
                        .with("w", options.size.0)
                        .with("h", options.size.1)
                        .with("path", shown);
                    Ok((bytes, message))
                })
            }
        };
        let wake = self.waker();
        self.exporting = Some(ExportJob::start(kind, path, existing, wake, make));
    }

    /// A closure that asks for a frame (from any thread).
    fn waker(&self) -> impl Fn() + Send + 'static {
        let ctx = self.ctx.clone();
        move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        }
    }

    /// Takes the result of a finished export, if one finished.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.exporting else {
            return;
        };
        match job.poll() {
            Some(result) => {
                let started = job.started;
                self.exporting = None;
                log::info!("export finished in {:.0?}", started.elapsed());
                self.status = Some(match result {
                    Ok(message) => message,
                    Err(ExportFailure::Cancelled) => Message::success("status.export_cancelled"),
                    Err(e) => Message::failure("status.export_failed").with("error", e),
                });
                ctx.request_repaint();
            }
            // The elapsed time and the bytes made move 4 times a second.
            None => ctx.request_repaint_after(std::time::Duration::from_millis(250)),
        }
    }

    /// Whether the Export window's preview is being drawn (for tests: its spinner keeps
    /// the window repainting).
    pub fn export_preview_drawing(&self) -> bool {
        self.preview.pending.is_some()
    }

    /// The preview's size in pixels, once drawn (for tests).
    pub fn export_preview_size(&self) -> Option<[usize; 2]> {
        self.preview.texture.as_ref().map(egui::TextureHandle::size)
    }

    /// Whether an export is running (for tests and the top bar).
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// Which data is shown, for citations and pages: "file x.geojson, sha256 …".
    pub(super) fn data_origin(&self) -> String {
        match &self.data_path {
            Some(path) => format!(
                "file {}, sha256 {}",
                display_name(path),
                short(&self.data_sha256)
            ),
            None => format!("built-in, sha256 {}", short(&self.data_sha256)),
        }
    }

    /// A figure of what the map shows: this year (or the comparison), the view as it is,
    /// the selected city highlighted, at the web size.
    fn figure_options(&self) -> crate::scene::FigureOptions {
        crate::scene::FigureOptions {
            year: self.choice.year,
            compare: self.choice.compare.filter(|&c| c != self.choice.year),
            size: (1200, 800),
            title: None,
            highlight: self.choice.selected,
            lang: self.choice.lang,
            view: self
                .map
                .view_bounds()
                .map(
                    |[min_lon, min_lat, max_lon, max_lat]| crate::model::LonLatBounds {
                        min_lon,
                        min_lat,
                        max_lon,
                        max_lat,
                    },
                ),
        }
    }
}
