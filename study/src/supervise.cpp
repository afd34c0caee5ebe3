// Worker processes side by side: posix_spawn, signal forwarding, progress from the shared store.
#include "nasrank/study/supervise.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/study/status.h"

extern char** environ;

namespace nasrank::study {
namespace {

pid_t spawn(const std::vector<std::string>& argv) {
  NASRANK_ASSERT(!argv.empty());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], nullptr, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  NASRANK_CHECK(rc == 0, "cannot start a worker process (", argv[0], "): ", std::strerror(rc));
  return pid;
}

}  // namespace

std::string self_executable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  NASRANK_CHECK(n > 0, "cannot find this program's executable (/proc/self/exe): ", std::strerror(errno));
  return std::string(buf, static_cast<std::size_t>(n));
}

int supervise(const std::vector<std::vector<std::string>>& commands, const SuperviseOptions& o,
              const StopRequests* stop) {
  struct Child {
    pid_t pid;
    bool running;
    int status;
  };
  std::vector<Child> children;
  for (const auto& argv : commands) {
    try {
      children.push_back({spawn(argv), true, 0});
    } catch (...) {
      for (auto& c : children) ::kill(c.pid, SIGTERM);
      for (auto& c : children) waitpid(c.pid, nullptr, 0);
      throw;
    }
  }
  int forwarded = 0;
  std::int64_t last_done = -1;
  auto last_poll = std::chrono::steady_clock::now();
  auto last_print = last_poll;
  std::optional<Store> store;
  std::size_t running = children.size();
  while (running > 0) {
    for (auto& c : children) {
      if (!c.running) continue;
      int status = 0;
      const pid_t r = waitpid(c.pid, &status, WNOHANG);
      if (r == c.pid) {
        c.running = false;
        --running;
        c.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
        // A worker that stops because it was asked to is no news; the caller says so once.
        const bool asked = forwarded > 0 && c.status > 128;
        if (c.status != 0 && !asked) LOG_WARN("worker process ", c.pid, " exited with status ", c.status);
        if (asked) LOG_DEBUG("worker process ", c.pid, " stopped as asked (status ", c.status, ")");
      }
    }
    const int requests = stop ? stop->count.load() : 0;
    if (requests > forwarded) {
      const int sig = requests >= 2 ? SIGKILL : stop->last.load();
      LOG_WARN(requests >= 2 ? "stopping the workers now (SIGKILL)"
                             : "asking the workers to stop; each gives its "
                               "job back (press Ctrl-C again to kill them)");
      for (auto& c : children)
        if (c.running) ::kill(c.pid, sig);
      forwarded = requests;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_poll >= std::chrono::seconds(1)) {
      last_poll = now;
      try {
        if (!store) store.emplace(Store::open(o.db));
        const SweepStatus s = sweep_status(*store, o.max_attempts);
        if (s.done != last_done || std::chrono::duration<double>(now - last_print).count() >= o.report_every) {
          LOG_INFO("sweep (", running, " workers): ", progress_line(s));
          last_done = s.done;
          last_print = now;
        }
      } catch (const std::exception& e) {
        LOG_DEBUG("progress not available: ", e.what());
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (const auto& c : children)
    if (c.status != 0) return c.status;
  return 0;
}

}  // namespace nasrank::study
