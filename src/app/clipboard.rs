//! Copying with an answer. egui's `copy_text` hands the text to eframe, which logs a
//! failure and says nothing, so the window could say "Copied" while nothing pastes
//! anywhere else. In the window the text goes to the system clipboard through arboard
//! (the crate eframe itself uses on X11), and a failure is reported to the user.

/// Why the system clipboard did not take the text.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ClipboardError(pub String);

/// Somewhere copied text goes and says whether it arrived.
pub trait ClipboardSink {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError>;
}

/// The desktop's clipboard, opened on the first copy and kept open: on X11 the text is
/// served to other programs by the process that copied it, for as long as it runs.
#[derive(Default)]
pub struct SystemClipboard {
    open: Option<arboard::Clipboard>,
}

impl ClipboardSink for SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError> {
        let clipboard = match &mut self.open {
            Some(clipboard) => clipboard,
            None => self
                .open
                .insert(arboard::Clipboard::new().map_err(|e| ClipboardError(e.to_string()))?),
        };
        clipboard.set_text(text).map_err(|e| {
            // A clipboard that failed once may have lost its connection: open it anew
            // next time.
            self.open = None;
            ClipboardError(e.to_string())
        })
    }
}
