// Who runs a job, and whether it still lives, from /proc: the liveness test behind reclaiming the
// jobs of workers that died (Store::claim).
#include "nasrank/study/worker_identity.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace nasrank::study {
namespace {

std::string read_first_line(const char* path) {
  std::ifstream f(path);
  std::string line;
  std::getline(f, line);
  return line;
}

/// Fields 3 (state) and 22 (start time) of /proc/<pid>/stat; the command name (field 2) may hold
/// spaces and parentheses, so fields are counted after its closing parenthesis.
bool read_proc_stat(std::int64_t pid, char& state, std::int64_t& start) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  if (!f) return false;
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(text.substr(close + 1));
  std::string field;
  std::vector<std::string> fields;  // fields[0] is field 3
  while (rest >> field && fields.size() < 20) fields.push_back(field);
  if (fields.size() < 20) return false;
  state = fields[0].empty() ? '?' : fields[0][0];
  start = std::strtoll(fields[19].c_str(), nullptr, 10);
  return true;
}

}  // namespace

WorkerIdentity WorkerIdentity::current() {
  WorkerIdentity w;
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0) w.host = host;
  if (w.host.empty()) w.host = "unknown-host";
  w.pid = static_cast<std::int64_t>(getpid());
  const std::string boot = read_first_line("/proc/sys/kernel/random/boot_id");
  char ns[128] = {0};
  const ssize_t n = readlink("/proc/self/ns/pid", ns, sizeof ns - 1);
  if (!boot.empty() && n > 0) w.node = boot + "/" + std::string(ns, static_cast<std::size_t>(n));
  char state = 0;
  if (!read_proc_stat(w.pid, state, w.start)) w.start = 0;
  return w;
}

bool WorkerIdentity::known_dead(const WorkerIdentity& observer) const {
  if (node.empty() || host != observer.host || node != observer.node || pid <= 0) return false;
  if (pid == observer.pid) return start != 0 && observer.start != 0 && start != observer.start;
  char state = 0;
  std::int64_t started = 0;
  if (read_proc_stat(pid, state, started)) {
    if (state == 'Z' || state == 'X') return true;  // exited, not yet reaped by its parent
    return start != 0 && started != start;          // the pid now names a younger process
  }
  return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

}  // namespace nasrank::study
