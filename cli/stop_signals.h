// Ctrl-C and a batch scheduler's SIGTERM, turned into stop requests that long work polls: the first
// asks it to give back what is in hand and stop, a second (2 s later or more) ends the process.
#pragma once

#include "nasrank/study/stop.h"

namespace nasrank::cli {

/// The process's stop requests, recorded by the handlers.
study::StopRequests& stop_requests();

/// Installs the SIGINT and SIGTERM handlers. Without `second_kills` a second request is only
/// recorded (a supervisor passes it on to its workers as SIGKILL instead of dying itself).
void install_stop_handlers(bool second_kills);

/// 128 + the signal of the last request: the exit status of work a stop request ended.
int stopped_exit_code();

}  // namespace nasrank::cli
