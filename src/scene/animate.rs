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

/// Draws the frames and writes the animation; `hold_ms` is how long each year stays.
/// `progress` is told after each frame (frames done, frames in all).
pub fn write(
    scenes: &[Scene],
    format: Animation,
    scale: f32,
    hold_ms: u32,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<u8>, AnimationError> {
    // Say so before drawing anything when the video cannot be made.
    for (wanted, container) in [(Animation::Mp4, "mp4"), (Animation::Webm, "webm")] {
        if format == wanted && which_ffmpeg().is_none() {
            return Err(AnimationError::NoFfmpeg(container_name(container)));
        }
    }
    let mut frames = Vec::with_capacity(scenes.len());
    for (i, scene) in scenes.iter().enumerate() {
        frames.push(super::to_image(scene, scale)?);
        progress(i + 1, scenes.len());
    }
    match format {
        Animation::Gif => gif_bytes(&mut frames, hold_ms),
        Animation::Apng => apng_bytes(&frames, hold_ms),
        Animation::Mp4 => video(&frames, hold_ms, "mp4"),
        Animation::Webm => video(&frames, hold_ms, "webm"),
    }
}

fn gif_bytes(frames: &mut [Image], hold_ms: u32) -> Result<Vec<u8>, AnimationError> {
    let Some(first) = frames.first() else {
        return Ok(Vec::new());
    };
    let (Ok(width), Ok(height)) = (u16::try_from(first.width), u16::try_from(first.height)) else {
        return Err(AnimationError::TooLarge(first.width, first.height));
    };
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, width, height, &[])?;
        encoder.set_repeat(gif::Repeat::Infinite)?;
        for image in frames.iter_mut() {
            // Speed 10 of 1–30: NeuQuant's palette per frame, good for flat map colours.
            let mut frame = gif::Frame::from_rgba_speed(width, height, &mut image.rgba, 10);
            frame.delay = u16::try_from(hold_ms / 10).unwrap_or(u16::MAX);
            encoder.write_frame(&frame)?;
        }
    }
    Ok(out)
}

fn apng_bytes(frames: &[Image], hold_ms: u32) -> Result<Vec<u8>, AnimationError> {
    let Some(first) = frames.first() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, first.width, first.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_animated(u32::try_from(frames.len()).unwrap_or(u32::MAX), 0)?;
        encoder.set_frame_delay(u16::try_from(hold_ms).unwrap_or(u16::MAX), 1000)?;
        let mut writer = encoder.write_header()?;
        for image in frames {
            writer.write_image_data(&image.rgba)?;
        }
        writer.finish()?;
    }
    Ok(out)
}

/// The frames as PNG files in a temporary folder, encoded by ffmpeg.
fn video(
    frames: &[Image],
    hold_ms: u32,
    container: &'static str,
) -> Result<Vec<u8>, AnimationError> {
    let ffmpeg = which_ffmpeg().ok_or(AnimationError::NoFfmpeg(container_name(container)))?;
    let dir = tempfile::Builder::new()
        .prefix("memorymap-frames-")
        .tempdir()?;
    for (i, image) in frames.iter().enumerate() {
        let path = dir.path().join(format!("frame{i:04}.png"));
        let file = std::fs::File::create(&path)?;
        let mut encoder =
            png::Encoder::new(std::io::BufWriter::new(file), image.width, image.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header()?.write_image_data(&image.rgba)?;
    }
    let out = dir.path().join(format!("animation.{container}"));
    let rate = format!("1000/{}", hold_ms.max(1));
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
            "-framerate",
            &rate,
            "-i",
        ])
        .arg(dir.path().join("frame%04d.png"))
        // Even sides, as yuv420p needs; 25 frames a second so every player shows it.
        .args(["-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-r", "25"])
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

    #[test]
    fn a_gif_and_an_apng_have_one_frame_per_year() {
        let d = builtin();
        let mut options = FigureOptions::new(2025);
        options.size = (400, 300);
        let scenes = scenes(&d, 2015..=2025, &options);
        assert_eq!(scenes.len(), 11);
        let mut seen = 0;
        let gif = write(&scenes, Animation::Gif, 1.0, 1000, |done, all| {
            assert_eq!(all, 11);
            seen = done;
        })
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

        let apng = write(&scenes, Animation::Apng, 1.0, 1000, |_, _| {}).unwrap();
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
        let error = write(&scenes, Animation::Mp4, 1.0, 1000, |_, _| {}).unwrap_err();
        assert!(error.to_string().contains("apt install ffmpeg"), "{error}");
    }
}
