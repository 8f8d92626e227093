// A progress bar on stderr for the long commands (optimize, simulate): "label [####    ] 40%",
// redrawn in place when the percentage changes.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace attune::cli {

class ProgressBar {
public:
    /// `quietFor`: nothing is drawn before that much time has passed (a quick run prints nothing).
    ProgressBar(std::ostream& err, std::string label, std::chrono::milliseconds quietFor = std::chrono::milliseconds(0))
        : m_err(err), m_label(std::move(label)), m_quietUntil(std::chrono::steady_clock::now() + quietFor) {}

    /// Always true: the work goes on (the callers' progress callbacks can stop it).
    bool update(std::size_t done, std::size_t total) {
        if (m_shown < 0 && std::chrono::steady_clock::now() < m_quietUntil) return true;
        const auto percent = static_cast<int>(total == 0 ? 100 : done * 100 / total);
        if (percent == m_shown) return true;
        m_shown = percent;
        const int filled = percent * 30 / 100;
        m_err << '\r' << m_label << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(30 - filled), ' ') << "] " << percent << "%" << std::flush;
        return true;
    }
    /// Ends the bar's line, if one was drawn.
    void finish() {
        if (m_shown >= 0) m_err << '\n';
    }

private:
    std::ostream& m_err;
    std::string m_label;
    std::chrono::steady_clock::time_point m_quietUntil;
    int m_shown = -1;
};

}  // namespace attune::cli
