//! The Monte Carlo simulation in Web Workers: one worker per core, each
//! simulating a block-aligned shard of the iterations with the app's own
//! WebAssembly module (handed over already compiled, so nothing is
//! downloaded again), the shards merged exactly on the page. Progress is
//! reported as the shards advance; cancelling terminates the workers.

use engine::{
    merge, quant_report, QuantPortfolio, ScenarioInputs, ScenarioReport, ShardResult,
    SimulationPlan, SimulationSettings,
};
use futures::channel::mpsc;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a worker needs to rebuild the plan: it is deterministic, so every
/// worker builds the same one.
#[derive(Serialize, Deserialize)]
struct PlanInput {
    settings: SimulationSettings,
    scenarios: Vec<ScenarioInputs>,
}

/// Simulates iterations `start..end` of the plan in `plan_json` and returns
/// the shard as JSON, calling `progress(done)` as it goes. Runs inside the
/// simulation workers (exported to their JavaScript).
#[wasm_bindgen]
pub fn mc_shard(
    plan_json: &str,
    start: f64,
    end: f64,
    progress: &js_sys::Function,
) -> Result<String, JsValue> {
    let input: PlanInput =
        serde_json::from_str(plan_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let plan = SimulationPlan::try_new(input.settings, input.scenarios)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let shard = engine::simulate_shard_with_progress(&plan, start as u64..end as u64, |done| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(done as f64));
        ControlFlow::Continue(())
    })
    .map_err(|e| JsValue::from_str(&e.to_string()))?;
    serde_json::to_string(&shard).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The worker's script: loads the app's JavaScript glue, instantiates the
/// compiled module it was sent and runs one shard per message.
const WORKER_SOURCE: &str = r#"
let ready = null;
self.onmessage = async (event) => {
  const { glue, module, plan, start, end } = event.data;
  try {
    if (!ready) {
      ready = import(glue).then(async (bindings) => {
        await bindings.default({ module_or_path: module });
        return bindings;
      });
    }
    const bindings = await ready;
    const shard = bindings.mc_shard(plan, start, end, (done) => self.postMessage({ kind: 'progress', done }));
    self.postMessage({ kind: 'done', shard });
  } catch (error) {
    self.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
};
"#;

/// Something a worker (or the user) said.
enum Event {
    Progress { worker: usize, done: f64 },
    Done { worker: usize, shard: String },
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

/// The URL of the app's JavaScript glue, from the module preload Trunk puts
/// in index.html.
fn glue_url() -> Result<String, String> {
    let document = leptos::prelude::document();
    let link = document
        .query_selector("link[rel=modulepreload]")
        .ok()
        .flatten()
        .ok_or("the page does not name its script (link rel=modulepreload)")?;
    let href = link.get_attribute("href").unwrap_or_default();
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&href, &base)
        .map(|u| u.href())
        .map_err(|_| format!("cannot resolve the script address {href}"))
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

/// Simulates `portfolio` with `settings` on `workers` workers, calling
/// `progress` with the share done (0 to 1). `started` receives the handle to
/// cancel with. The merged result equals a single-thread run exactly.
pub async fn run(
    portfolio: &QuantPortfolio,
    settings: SimulationSettings,
    workers: usize,
    started: impl FnOnce(Running),
    progress: impl Fn(f64),
) -> Result<Vec<ScenarioReport>, Stopped> {
    let plan = SimulationPlan::try_new(settings, portfolio.scenarios.clone())
        .map_err(|e| Stopped::Failed(e.to_string()))?;
    let ranges = plan.shard_ranges(workers.max(1));
    let plan_json = serde_json::to_string(&PlanInput {
        settings,
        scenarios: portfolio.scenarios.clone(),
    })
    .map_err(|e| Stopped::Failed(e.to_string()))?;
    let glue = glue_url().map_err(Stopped::Failed)?;
    let module = wasm_bindgen::module();

    let (sender, mut events) = mpsc::unbounded::<Event>();
    started(Running {
        sender: sender.clone(),
    });
    let mut pool = Vec::with_capacity(ranges.len());
    let mut handlers = Vec::with_capacity(ranges.len());
    for (index, range) in ranges.iter().enumerate() {
        let worker = match spawn_worker() {
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
                    Some("progress") => Event::Progress {
                        worker: index,
                        done: field("done").as_f64().unwrap_or(0.0),
                    },
                    Some("done") => Event::Done {
                        worker: index,
                        shard: field("shard").as_string().unwrap_or_default(),
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
        let set = |key: &str, value: &JsValue| {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
        };
        set("glue", &JsValue::from_str(&glue));
        set("module", &module);
        set("plan", &JsValue::from_str(&plan_json));
        set("start", &JsValue::from_f64(range.start as f64));
        set("end", &JsValue::from_f64(range.end as f64));
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
    let outcome = loop {
        match events.next().await {
            Some(Event::Progress { worker, done: n }) => {
                done[worker] = n;
                progress(done.iter().sum::<f64>() / total);
            }
            Some(Event::Done { worker, shard }) => {
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
    pool.iter().for_each(web_sys::Worker::terminate);
    drop(handlers);
    outcome?;

    let parsed = shards
        .into_iter()
        .map(|s| serde_json::from_str::<ShardResult>(&s.unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Stopped::Failed(format!("a worker sent a malformed shard: {e}")))?;
    let result = merge(parsed).map_err(|e| Stopped::Failed(e.to_string()))?;
    Ok(quant_report(portfolio, &result))
}
