//! The Monte Carlo simulation in Web Workers: one worker per core, each
//! simulating a block-aligned shard of the iterations, the shards merged
//! exactly on the page. Progress is reported as the shards advance;
//! cancelling terminates the workers.
//!
//! The workers run the app's second module (`app/tools`, built for speed),
//! not the app itself: the page fetches and compiles it once and hands the
//! compiled module over, so nothing is downloaded again. Workers are started
//! ahead of need ([`prewarm`], when a page with a simulation opens) and kept
//! between runs, so a run does not wait for workers to start.

use engine::{
    merge, quant_report, QuantPortfolio, ScenarioReport, ShardResult, SimulationJob,
    SimulationPlan, SimulationSettings,
};
use futures::channel::mpsc;
use futures::StreamExt;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script: imports the second module's JavaScript, instantiates
/// the compiled module it was sent, and runs one shard per message.
const WORKER_SOURCE: &str = r#"
let ready = null;
self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (!ready) {
      ready = import(message.script).then(async (bindings) => {
        await bindings.default({ module_or_path: message.module });
        return bindings;
      });
    }
    const bindings = await ready;
    if (message.kind === 'start') {
      bindings.mc_warm();
      self.postMessage({ kind: 'ready' });
      return;
    }
    const began = performance.now();
    const shard = bindings.mc_shard(message.job, message.start, message.end, (done) => self.postMessage({ kind: 'progress', done }));
    self.postMessage({ kind: 'done', shard, seconds: (performance.now() - began) / 1000 });
  } catch (error) {
    ready = null;
    self.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
};
"#;

thread_local! {
    /// Started workers waiting for work, with the module already sent.
    static IDLE: RefCell<Vec<web_sys::Worker>> = const { RefCell::new(Vec::new()) };
}

/// Starts `count` workers ahead of need (fetching and compiling the second
/// module first), so the first simulation does not wait for them. Harmless
/// to call again: only the missing ones are started.
pub fn prewarm(count: usize) {
    leptos::task::spawn_local(async move {
        let Ok(loaded) = crate::io::tools::load().await else {
            return;
        };
        let missing = count.saturating_sub(IDLE.with(|idle| idle.borrow().len()));
        for _ in 0..missing {
            let Ok(worker) = spawn_worker() else {
                return;
            };
            let message = js_sys::Object::new();
            set(&message, "kind", &JsValue::from_str("start"));
            set(&message, "script", &JsValue::from_str(&loaded.script));
            set(&message, "module", &loaded.module);
            if worker.post_message(&message).is_ok() {
                IDLE.with(|idle| idle.borrow_mut().push(worker));
            } else {
                worker.terminate();
            }
        }
    });
}

/// A started worker from the idle ones, or a new one.
fn take_worker() -> Result<web_sys::Worker, String> {
    match IDLE.with(|idle| idle.borrow_mut().pop()) {
        Some(worker) => Ok(worker),
        None => spawn_worker(),
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// Something a worker (or the user) said.
enum Event {
    Progress {
        worker: usize,
        done: f64,
    },
    Done {
        worker: usize,
        shard: String,
        seconds: f64,
    },
    Failed(String),
    Cancelled,
}

/// A running simulation: cancel it with [`Running::cancel`].
#[derive(Clone)]
pub struct Running {
    sender: mpsc::UnboundedSender<Event>,
}

impl Running {
    pub fn cancel(&self) {
        let _ = self.sender.unbounded_send(Event::Cancelled);
    }
}

/// Why a simulation gave no result.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    Cancelled,
    Failed(String),
}

/// How many workers to start: one per core the browser reports.
pub fn worker_count() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (cores as usize).clamp(1, 16)
}

fn spawn_worker() -> Result<web_sys::Worker, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(WORKER_SOURCE));
    let properties = web_sys::BlobPropertyBag::new();
    properties.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &properties)
        .map_err(|_| "cannot create the worker script")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot create the worker script address")?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &options)
        .map_err(|e| format!("this browser cannot start a Web Worker: {e:?}"));
    let _ = web_sys::Url::revoke_object_url(&url);
    worker
}

/// Where a simulation's time went, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Phases {
    /// The slowest worker's own computing, measured inside the worker.
    pub computing: f64,
    /// From the start until every shard was back on the page (starting the
    /// workers, computing, sending the shards).
    pub shards: f64,
    /// Reading the shards, merging them and the report, on the page.
    pub finishing: f64,
}

/// A finished simulation: the report of each scenario and its timing.
#[derive(Debug, Clone)]
pub struct Simulated {
    pub reports: Vec<ScenarioReport>,
    pub phases: Phases,
}

/// Simulates `portfolio` with `settings` on `workers` workers, calling
/// `progress` with the share done (0 to 1). `started` receives the handle to
/// cancel with. The merged result equals a single-thread run exactly.
pub async fn run(
    portfolio: &QuantPortfolio,
    settings: SimulationSettings,
    workers: usize,
    started: impl FnOnce(Running),
    progress: impl Fn(f64),
) -> Result<Simulated, Stopped> {
    let began = js_sys::Date::now();
    let plan = SimulationPlan::try_new(settings, portfolio.scenarios.clone())
        .map_err(|e| Stopped::Failed(e.to_string()))?;
    let ranges = plan.shard_ranges(workers.max(1));
    let job = serde_json::to_string(&SimulationJob {
        settings,
        scenarios: portfolio.scenarios.clone(),
    })
    .map_err(|e| Stopped::Failed(e.to_string()))?;
    let loaded = crate::io::tools::load().await.map_err(Stopped::Failed)?;

    let (sender, mut events) = mpsc::unbounded::<Event>();
    started(Running {
        sender: sender.clone(),
    });
    let mut pool = Vec::with_capacity(ranges.len());
    let mut handlers = Vec::with_capacity(ranges.len());
    for (index, range) in ranges.iter().enumerate() {
        let worker = match take_worker() {
            Ok(worker) => worker,
            Err(message) => {
                pool.iter().for_each(web_sys::Worker::terminate);
                return Err(Stopped::Failed(message));
            }
        };
        let to_page = sender.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                let field = |name: &str| {
                    js_sys::Reflect::get(&data, &JsValue::from_str(name))
                        .unwrap_or(JsValue::UNDEFINED)
                };
                let message = match field("kind").as_string().as_deref() {
                    // A started worker saying it is ready: nothing to do.
                    Some("ready") => return,
                    Some("progress") => Event::Progress {
                        worker: index,
                        done: field("done").as_f64().unwrap_or(0.0),
                    },
                    Some("done") => Event::Done {
                        worker: index,
                        shard: field("shard").as_string().unwrap_or_default(),
                        seconds: field("seconds").as_f64().unwrap_or(0.0),
                    },
                    _ => Event::Failed(
                        field("message")
                            .as_string()
                            .unwrap_or_else(|| "the simulation worker failed".into()),
                    ),
                };
                let _ = to_page.unbounded_send(message);
            },
        );
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let to_page = sender.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            let _ = to_page.unbounded_send(Event::Failed(
                "a simulation worker could not start or crashed".into(),
            ));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let message = js_sys::Object::new();
        set(&message, "kind", &JsValue::from_str("run"));
        set(&message, "script", &JsValue::from_str(&loaded.script));
        set(&message, "module", &loaded.module);
        set(&message, "job", &JsValue::from_str(&job));
        set(&message, "start", &JsValue::from_f64(range.start as f64));
        set(&message, "end", &JsValue::from_f64(range.end as f64));
        if let Err(e) = worker.post_message(&message) {
            worker.terminate();
            pool.iter().for_each(web_sys::Worker::terminate);
            return Err(Stopped::Failed(format!("cannot start a worker: {e:?}")));
        }
        pool.push(worker);
        handlers.push((on_message, on_error));
    }
    drop(sender);

    let total = settings.iterations as f64;
    let mut done = vec![0.0; ranges.len()];
    let mut shards: Vec<Option<String>> = vec![None; ranges.len()];
    let mut computing = 0.0_f64;
    let outcome = loop {
        match events.next().await {
            Some(Event::Progress { worker, done: n }) => {
                done[worker] = n;
                progress(done.iter().sum::<f64>() / total);
            }
            Some(Event::Done {
                worker,
                shard,
                seconds,
            }) => {
                computing = computing.max(seconds);
                done[worker] = (ranges[worker].end - ranges[worker].start) as f64;
                shards[worker] = Some(shard);
                progress(done.iter().sum::<f64>() / total);
                if shards.iter().all(Option::is_some) {
                    break Ok(());
                }
            }
            Some(Event::Failed(message)) => break Err(Stopped::Failed(message)),
            Some(Event::Cancelled) => break Err(Stopped::Cancelled),
            None => break Err(Stopped::Failed("the workers stopped answering".into())),
        }
    };
    if outcome.is_ok() {
        // Finished workers wait for the next run; a cancelled or failed one
        // may still be busy or broken, so it goes.
        for worker in pool {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            IDLE.with(|idle| idle.borrow_mut().push(worker));
        }
    } else {
        pool.iter().for_each(web_sys::Worker::terminate);
    }
    drop(handlers);
    outcome?;

    let shards_in = js_sys::Date::now();
    let parsed = shards
        .into_iter()
        .map(|s| engine::decode_str::<ShardResult>(&s.unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Stopped::Failed(format!("a worker sent a malformed shard: {e}")))?;
    let result = merge(parsed).map_err(|e| Stopped::Failed(e.to_string()))?;
    let reports = quant_report(portfolio, &result);
    let finished = js_sys::Date::now();
    Ok(Simulated {
        reports,
        phases: Phases {
            computing,
            shards: (shards_in - began) / 1000.0,
            finishing: (finished - shards_in) / 1000.0,
        },
    })
}
