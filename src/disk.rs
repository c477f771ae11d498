//! The one thread that touches the scripts folder for the UI: reading and writing scripts,
//! drafts and trash, and loading the library. The UI hands it jobs and takes in what they
//! found on a later frame, so a frame never waits on the disk (a slow network folder, a full
//! disk, a file that blocks when opened). Jobs run one at a time, in the order given, so a
//! draft written before a save never lands after it.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use unbrace_core::library::Library;

use crate::editor::jobs::EditorDone;

/// What a job found.
#[derive(Debug)]
pub enum Done {
    /// The library, loaded again.
    Library(Box<Library>),
    Editor(EditorDone),
    /// A reminder switched on or off, or the autostart entry written.
    Reminders(crate::reminders::disk_jobs::RemindersDone),
    /// A personal breathing pattern written by "Find your breathing rate": its library id and
    /// name, or why it could not be written.
    Pattern(Result<(String, String), String>),
    /// Recordings decoded or written.
    Voice(crate::voice::jobs::VoiceDone),
}

type Job = Box<dyn FnOnce() -> Done + Send>;

/// The worker: jobs go in, results come out.
#[derive(Debug)]
pub struct DiskWorker {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    /// Jobs given to the thread and not yet taken back.
    in_flight: usize,
    /// Results of jobs run here because the thread had died.
    ran_here: Vec<Done>,
    thread: Option<JoinHandle<()>>,
}

impl DiskWorker {
    /// Starts the thread; `wake` is called after each job (e.g. to ask the UI for a frame).
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel();
        let thread = std::thread::Builder::new().name("unbrace-disk".to_owned()).spawn(move || {
            for job in inbox {
                if outbox.send(job()).is_err() {
                    return;
                }
                wake();
            }
        })?;
        Ok(Self { jobs: Some(jobs), done, in_flight: 0, ran_here: Vec::new(), thread: Some(thread) })
    }

    /// A worker without a thread: every job runs where it is given (when no thread can be
    /// started at all).
    #[must_use]
    pub fn dead() -> Self {
        let (_, done) = mpsc::channel();
        Self { jobs: None, done, in_flight: 0, ran_here: Vec::new(), thread: None }
    }

    /// Queues `job`. A worker whose thread died runs it here instead, so nothing is lost.
    pub fn submit(&mut self, job: impl FnOnce() -> Done + Send + 'static) {
        let job: Job = Box::new(job);
        let refused = match &self.jobs {
            Some(tx) => tx.send(job).err().map(|mpsc::SendError(job)| job),
            None => Some(job),
        };
        match refused {
            None => self.in_flight += 1,
            Some(job) => self.ran_here.push(job()),
        }
    }

    /// Results that arrived since the last call, in the order the jobs were given.
    pub fn poll(&mut self) -> Vec<Done> {
        let mut done: Vec<Done> = self.done.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(done.len());
        done.append(&mut self.ran_here);
        done
    }

    /// Nothing is waiting to be done or taken back.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.in_flight == 0 && self.ran_here.is_empty()
    }

    /// Waits for every job given so far and returns their results (when the app closes, so
    /// the last draft or save is on disk; and in tests).
    pub fn finish(&mut self) -> Vec<Done> {
        let mut all = std::mem::take(&mut self.ran_here);
        while self.in_flight > 0 {
            match self.done.recv() {
                Ok(done) => {
                    self.in_flight -= 1;
                    all.push(done);
                }
                Err(_) => {
                    self.in_flight = 0;
                }
            }
        }
        all
    }
}

impl Drop for DiskWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread once every queued job is done.
        self.jobs = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            eprintln!("unbrace: the disk thread panicked; the last draft may be missing");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_job_never_holds_up_the_caller_and_results_keep_their_order() {
        let mut disk = DiskWorker::spawn(|| {}).expect("spawns");
        let (release, blocked) = mpsc::channel::<()>();
        // A job stuck on the disk (a FIFO with no writer, a hung network folder).
        disk.submit(move || {
            let _ = blocked.recv();
            Done::Library(Box::new(Library::built_in()))
        });
        disk.submit(|| Done::Library(Box::default()));
        // `poll` returns at once although the first job is stuck (a wait would hang here).
        assert!(disk.poll().is_empty(), "nothing yet, and no waiting for it");
        assert!(!disk.is_idle());
        release.send(()).expect("releases");
        let done = disk.finish();
        assert_eq!(done.len(), 2);
        assert!(matches!(&done[0], Done::Library(l) if !l.entries().is_empty()), "first given, first done");
        assert!(matches!(&done[1], Done::Library(l) if l.entries().is_empty()));
        assert!(disk.is_idle());
    }

    #[test]
    fn without_a_thread_jobs_run_where_they_are_given() {
        let mut disk = DiskWorker::dead();
        disk.submit(|| Done::Library(Box::default()));
        assert!(!disk.is_idle());
        assert_eq!(disk.poll().len(), 1);
        assert!(disk.is_idle());
    }
}
