//! `floorwatch sim serve`: the simulator over HTTP, in the snapshot contract.
//!
//! - `GET /v1/snapshot`: the floor now (`503` while the telephony-outage scenario runs);
//! - `GET /v1/scenario`: the scenario running and the ones available;
//! - `POST /v1/scenario` with `{"scenario": "surge"}`: switch scenario (drills, tests).

use std::sync::PoisonError;
use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

use crate::platform::simulated::SharedSimulator;
use crate::platform::wire::SnapshotV1;
use crate::sim::Scenario;

#[derive(Serialize, Deserialize)]
pub struct ScenarioBody {
    pub scenario: String,
}

#[derive(Serialize)]
struct ScenarioStatus {
    scenario: &'static str,
    available: Vec<&'static str>,
}

#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

pub fn router(sim: SharedSimulator) -> Router {
    Router::new()
        .route("/v1/snapshot", get(snapshot))
        .route("/v1/scenario", get(scenario).post(set_scenario))
        .with_state(sim)
}

/// Serves until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    sim: SharedSimulator,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(sim))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn snapshot(State(sim): State<SharedSimulator>) -> Response {
    let observed = tokio::task::spawn_blocking(move || {
        sim.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .observe_at(Instant::now())
    })
    .await;
    match observed {
        Ok(Ok(snapshot)) => Json(SnapshotV1::from_model(&snapshot)).into_response(),
        Ok(Err(e)) => error(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("simulator task failed: {e}"),
        ),
    }
}

async fn scenario(State(sim): State<SharedSimulator>) -> Json<ScenarioStatus> {
    let current = sim
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .scenario();
    Json(ScenarioStatus {
        scenario: current.name(),
        available: Scenario::ALL.iter().map(|s| s.name()).collect(),
    })
}

async fn set_scenario(
    State(sim): State<SharedSimulator>,
    body: Option<Json<ScenarioBody>>,
) -> Response {
    let Some(Json(body)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            r#"expected a JSON body like {"scenario": "surge"}"#.into(),
        );
    };
    match body.scenario.parse::<Scenario>() {
        Ok(next) => {
            sim.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .set_scenario(next, Instant::now());
            tracing::info!("scenario switched to {}", next.name());
            Json(ScenarioBody {
                scenario: next.name().into(),
            })
            .into_response()
        }
        Err(e) => error(StatusCode::BAD_REQUEST, e.to_string()),
    }
}

fn error(status: StatusCode, message: String) -> Response {
    (status, Json(ErrorBody { error: message })).into_response()
}
