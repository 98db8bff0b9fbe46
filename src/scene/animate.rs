//! Every year as an animation: one figure per year (the year in its subtitle, the legend
//! and credits of that year), held about a second each, as animated GIF or APNG — or as
//! MP4/WebM through `ffmpeg` when it is on the PATH.

use std::ops::RangeInclusive;
use std::path::Path;

use super::{FigureError, FigureOptions, Image, Scene};
use crate::model::Dataset;

/// How an animation is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Animation {
    Gif,
    Apng,
    Mp4,
    Webm,
}

#[derive(Debug, thiserror::Error)]
pub enum AnimationError {
    #[error(transparent)]
    Figure(#[from] FigureError),
    #[error("a figure of {0}×{1} pixels is too large for a GIF (at most 65535 a side)")]
    TooLarge(u32, u32),
    #[error("the GIF could not be written: {0}")]
    Gif(#[from] gif::EncodingError),
    #[error("the APNG could not be written: {0}")]
    Apng(#[from] png::EncodingError),
    #[error(
        "{0} needs ffmpeg, which is not on the PATH: install it (Debian: sudo apt install ffmpeg) or choose --format gif or apng"
    )]
    NoFfmpeg(&'static str),
    #[error("ffmpeg failed: {0}")]
    Ffmpeg(String),
    #[error("cannot write the frames for ffmpeg: {0}")]
    Io(#[from] std::io::Error),
    #[error("cancelled")]
    Cancelled,
}

/// One scene per year, each the figure of that year.
pub fn scenes(
    dataset: &Dataset,
    years: RangeInclusive<i32>,
    options: &FigureOptions,
) -> Vec<Scene> {
    years
        .map(|year| {
            super::build(
                dataset,
                &FigureOptions {
                    year,
                    compare: None,
                    ..options.clone()
                },
            )
        })
        .collect()
}

/// How long each year stays, and how long the cross-fade to the next one takes (0: a cut).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub hold_ms: u32,
    pub fade_ms: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            hold_ms: 1000,
            fade_ms: 0,
        }
    }
}

/// The longest cross-fade (`--fade`), in milliseconds.
pub const MAX_FADE_MS: u32 = 5000;

/// A cross-fade is drawn as blended frames this far apart (12.5 a second).
const FADE_STEP_MS: u32 = 80;

/// Draws the frames and writes the animation. `progress` is told after each year's frame
/// (frames done, frames in all) and may stop the work (`ControlFlow::Break`: cancelled).
pub fn write(
    scenes: &[Scene],
    format: Animation,
    scale: f32,
    timing: Timing,
    mut progress: impl FnMut(usize, usize) -> std::ops::ControlFlow<()>,
) -> Result<Vec<u8>, AnimationError> {
    // Say so before drawing anything when the video cannot be made.
    for (wanted, container) in [(Animation::Mp4, "mp4"), (Animation::Webm, "webm")] {
        if format == wanted && which_ffmpeg().is_none() {
            return Err(AnimationError::NoFfmpeg(container_name(container)));
        }
    }
    let mut years = Vec::with_capacity(scenes.len());
    for (i, scene) in scenes.iter().enumerate() {
        years.push(super::to_image(scene, scale)?);
        if progress(i + 1, scenes.len()).is_break() {
            return Err(AnimationError::Cancelled);
        }
    }
    let frames = Frames {
        years: &years,
        timing,
    };
    match format {
        Animation::Gif => gif_bytes(&frames),
        Animation::Apng => apng_bytes(&frames),
        Animation::Mp4 => video(&frames, "mp4"),
        Animation::Webm => video(&frames, "webm"),
    }
}

/// The frames of an animation: each year's image held, then, with a fade, the blends
/// towards the next year — made one at a time, so a long fade costs no memory.
struct Frames<'a> {
    years: &'a [Image],
    timing: Timing,
}

impl Frames<'_> {
    /// Blended frames between two years.
    fn fade_steps(&self) -> u32 {
        if self.timing.fade_ms == 0 {
            0
        } else {
            (self.timing.fade_ms / FADE_STEP_MS).max(1)
        }
    }

    fn count(&self) -> usize {
        let between = self.years.len().saturating_sub(1);
        self.years.len() + between * self.fade_steps() as usize
    }

    /// Calls `f` with each frame and how long it stays, in order.
    fn each<E>(&self, mut f: impl FnMut(&mut Image, u32) -> Result<(), E>) -> Result<(), E> {
        let steps = self.fade_steps();
        let mut blend = None;
        for (i, year) in self.years.iter().enumerate() {
            let mut held = year.clone();
            f(&mut held, self.timing.hold_ms)?;
            let Some(next) = self.years.get(i + 1).filter(|_| steps > 0) else {
                continue;
            };
            let step_ms = self.timing.fade_ms / steps;
            for k in 1..=steps {
                let t = k as f32 / (steps + 1) as f32;
                let frame = blend.get_or_insert_with(|| year.clone());
                mix(year, next, t, frame);
                f(frame, step_ms)?;
            }
        }
        Ok(())
    }
}

/// `out` = `a` × (1 − t) + `b` × t, pixel by pixel (same size; `b` is cut or padded if not).
fn mix(a: &Image, b: &Image, t: f32, out: &mut Image) {
    let weight = (t.clamp(0.0, 1.0) * 256.0) as u32;
    out.width = a.width;
    out.height = a.height;
    out.rgba.resize(a.rgba.len(), 0);
    for (i, px) in out.rgba.iter_mut().enumerate() {
        let from = u32::from(a.rgba[i]);
        let to = u32::from(b.rgba.get(i).copied().unwrap_or(a.rgba[i]));
        *px = ((from * (256 - weight) + to * weight) >> 8) as u8;
    }
}

fn gif_bytes(frames: &Frames<'_>) -> Result<Vec<u8>, AnimationError> {
    let Some(first) = frames.years.first() else {
        return Ok(Vec::new());
    };
    let (Ok(width), Ok(height)) = (u16::try_from(first.width), u16::try_from(first.height)) else {
        return Err(AnimationError::TooLarge(first.width, first.height));
    };
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, width, height, &[])?;
        encoder.set_repeat(gif::Repeat::Infinite)?;
        frames.each(|image, ms| {
            // Speed 10 of 1–30: NeuQuant's palette per frame, good for flat map colours.
            let mut frame = gif::Frame::from_rgba_speed(width, height, &mut image.rgba, 10);
            // GIF counts in hundredths of a second.
            frame.delay = u16::try_from(ms.div_ceil(10)).unwrap_or(u16::MAX);
            encoder.write_frame(&frame)
        })?;
    }
    Ok(out)
}

fn apng_bytes(frames: &Frames<'_>) -> Result<Vec<u8>, AnimationError> {
    let Some(first) = frames.years.first() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, first.width, first.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_animated(u32::try_from(frames.count()).unwrap_or(u32::MAX), 0)?;
        let mut writer = encoder.write_header()?;
        frames.each(|image, ms| {
            writer.set_frame_delay(u16::try_from(ms).unwrap_or(u16::MAX), 1000)?;
            writer.write_image_data(&image.rgba)
        })?;
        writer.finish()?;
    }
    Ok(out)
}

/// The frames as PNG files in a temporary folder, with how long each stays in a list for
/// ffmpeg's concat reader, encoded at 25 frames a second.
fn video(frames: &Frames<'_>, container: &'static str) -> Result<Vec<u8>, AnimationError> {
    use std::io::Write as _;
    let ffmpeg = which_ffmpeg().ok_or(AnimationError::NoFfmpeg(container_name(container)))?;
    let dir = tempfile::Builder::new()
        .prefix("memorymap-frames-")
        .tempdir()?;
    let mut list = String::new();
    let mut last = None;
    let mut i = 0usize;
    frames.each(|image, ms| -> Result<(), AnimationError> {
        let name = format!("frame{i:05}.png");
        i += 1;
        let file = std::fs::File::create(dir.path().join(&name))?;
        let mut encoder =
            png::Encoder::new(std::io::BufWriter::new(file), image.width, image.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header()?.write_image_data(&image.rgba)?;
        list.push_str(&format!(
            "file '{name}'\nduration {:.3}\n",
            f64::from(ms) / 1000.0
        ));
        last = Some(name);
        Ok(())
    })?;
    // The concat reader ignores the last entry's duration unless the file is listed again.
    if let Some(name) = last {
        list.push_str(&format!("file '{name}'\n"));
    }
    let list_path = dir.path().join("frames.txt");
    std::fs::File::create(&list_path)?.write_all(list.as_bytes())?;
    let out = dir.path().join(format!("animation.{container}"));
    let codec: &[&str] = if container == "mp4" {
        &["-c:v", "libx264", "-pix_fmt", "yuv420p"]
    } else {
        &[
            "-c:v",
            "libvpx-vp9",
            "-pix_fmt",
            "yuv420p",
            "-b:v",
            "0",
            "-crf",
            "32",
        ]
    };
    let output = std::process::Command::new(ffmpeg)
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
        ])
        .arg(&list_path)
        // 25 frames a second so every player shows it (the fps filter keeps each frame's
        // duration, where `-r` drops the last one's); even sides, as yuv420p needs.
        .args(["-vf", "fps=25,scale=trunc(iw/2)*2:trunc(ih/2)*2"])
        .args(codec)
        .arg(&out)
        .output()?;
    if !output.status.success() {
        return Err(AnimationError::Ffmpeg(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ));
    }
    Ok(std::fs::read(out)?)
}

fn container_name(container: &str) -> &'static str {
    if container == "mp4" { "MP4" } else { "WebM" }
}

/// `ffmpeg` on the PATH, if any.
fn which_ffmpeg() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("ffmpeg"))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    use crate::model::builtin::test_dataset as builtin;

    fn go_on(_: usize, _: usize) -> std::ops::ControlFlow<()> {
        std::ops::ControlFlow::Continue(())
    }

    #[test]
    fn a_fade_adds_blended_frames_between_years_and_keeps_the_years_held() {
        let d = builtin();
        let mut options = FigureOptions::new(2025);
        options.size = (300, 200);
        let scenes = scenes(&d, 2019..=2021, &options);
        let timing = Timing {
            hold_ms: 1000,
            fade_ms: 400,
        };
        let gif = write(&scenes, Animation::Gif, 1.0, timing, go_on).unwrap();
        let mut decoder = gif::DecodeOptions::new();
        decoder.set_color_output(gif::ColorOutput::RGBA);
        let mut reader = decoder.read_info(gif.as_slice()).unwrap();
        let mut delays = Vec::new();
        while let Some(frame) = reader.read_next_frame().unwrap() {
            delays.push(frame.delay);
        }
        // 3 years held 1 s, and 2 fades of 5 frames of 80 ms (8 hundredths) each.
        assert_eq!(delays, [100, 8, 8, 8, 8, 8, 100, 8, 8, 8, 8, 8, 100]);
        let apng = write(&scenes, Animation::Apng, 1.0, timing, go_on).unwrap();
        let reader = png::Decoder::new(std::io::Cursor::new(apng))
            .read_info()
            .unwrap();
        assert_eq!(reader.info().animation_control().unwrap().num_frames, 13);
    }

    #[test]
    fn a_blend_lies_between_its_two_frames() {
        let a = Image {
            width: 1,
            height: 1,
            rgba: vec![0, 100, 200, 255],
        };
        let b = Image {
            width: 1,
            height: 1,
            rgba: vec![200, 100, 0, 255],
        };
        let mut out = a.clone();
        mix(&a, &b, 0.5, &mut out);
        assert_eq!(out.rgba, [100, 100, 100, 255]);
        mix(&a, &b, 0.0, &mut out);
        assert_eq!(out.rgba, a.rgba);
    }

    #[test]
    fn progress_can_cancel_before_anything_is_encoded() {
        let d = builtin();
        let mut options = FigureOptions::new(2025);
        options.size = (200, 200);
        let scenes = scenes(&d, 2015..=2025, &options);
        let mut drawn = 0;
        let result = write(
            &scenes,
            Animation::Gif,
            1.0,
            Timing::default(),
            |done, _| {
                drawn = done;
                if done == 2 {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            },
        );
        assert!(matches!(result, Err(AnimationError::Cancelled)));
        assert_eq!(drawn, 2);
    }

    #[test]
    fn a_gif_and_an_apng_have_one_frame_per_year() {
        let d = builtin();
        let mut options = FigureOptions::new(2025);
        options.size = (400, 300);
        let scenes = scenes(&d, 2015..=2025, &options);
        assert_eq!(scenes.len(), 11);
        let mut seen = 0;
        let gif = write(
            &scenes,
            Animation::Gif,
            1.0,
            Timing::default(),
            |done, all| {
                assert_eq!(all, 11);
                seen = done;
                std::ops::ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(seen, 11);
        let mut decoder = gif::DecodeOptions::new();
        decoder.set_color_output(gif::ColorOutput::RGBA);
        let mut reader = decoder.read_info(gif.as_slice()).unwrap();
        let mut frames = 0;
        while let Some(frame) = reader.read_next_frame().unwrap() {
            assert_eq!(frame.delay, 100);
            assert_eq!((frame.width, frame.height), (400, 300));
            frames += 1;
        }
        assert_eq!(frames, 11);

        let apng = write(&scenes, Animation::Apng, 1.0, Timing::default(), go_on).unwrap();
        let reader = png::Decoder::new(std::io::Cursor::new(apng))
            .read_info()
            .unwrap();
        let control = reader.info().animation_control().unwrap();
        assert_eq!(control.num_frames, 11);
        assert_eq!(control.num_plays, 0);
    }

    #[test]
    fn a_video_without_ffmpeg_says_how_to_get_it() {
        if which_ffmpeg().is_some() {
            return;
        }
        let d = builtin();
        let mut options = FigureOptions::new(2025);
        options.size = (200, 200);
        let scenes = scenes(&d, 2024..=2025, &options);
        let error = write(&scenes, Animation::Mp4, 1.0, Timing::default(), go_on).unwrap_err();
        assert!(error.to_string().contains("apt install ffmpeg"), "{error}");
    }
}
