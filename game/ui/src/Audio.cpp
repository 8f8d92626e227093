// Sound synthesis: sine partials with soft attack and exponential decay, quiet by design.
#include "Audio.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

namespace attune::ui {
namespace {

constexpr unsigned kRate = 44100;

struct Note {
    double frequency;
    double start;     // seconds
    double duration;  // seconds
    double level;     // 0..1
};

std::vector<sf::Int16> synthesise(const std::vector<Note>& notes, double totalSeconds) {
    const auto count = static_cast<std::size_t>(totalSeconds * kRate);
    std::vector<double> mix(count, 0.0);
    for (const auto& note : notes) {
        const auto first = static_cast<std::size_t>(note.start * kRate);
        const auto length = static_cast<std::size_t>(note.duration * kRate);
        for (std::size_t i = 0; i < length && first + i < count; ++i) {
            const double t = static_cast<double>(i) / kRate;
            const double attack = std::min(1.0, t / 0.008);      // no click at the start
            const double decay = std::exp(-t * 5.0 / note.duration);
            const double release = std::min(1.0, (note.duration - t) / 0.02);
            const double phase = 2.0 * std::numbers::pi * note.frequency * t;
            // A soft timbre: the fundamental with a little octave.
            const double wave = std::sin(phase) + 0.18 * std::sin(2.0 * phase);
            mix[first + i] += note.level * attack * decay * std::max(0.0, release) * wave;
        }
    }
    std::vector<sf::Int16> samples(count);
    for (std::size_t i = 0; i < count; ++i)
        samples[i] = static_cast<sf::Int16>(std::clamp(mix[i], -1.0, 1.0) * 32767.0 * 0.35);
    return samples;
}

std::vector<sf::Int16> effectSamples(Effect effect) {
    switch (effect) {
    case Effect::Reveal: return synthesise({{587.33, 0.0, 0.12, 0.5}}, 0.14);
    case Effect::Right: return synthesise({{523.25, 0.0, 0.16, 0.5}, {783.99, 0.07, 0.22, 0.45}}, 0.3);
    case Effect::Wrong: return synthesise({{329.63, 0.0, 0.18, 0.45}, {293.66, 0.09, 0.24, 0.4}}, 0.34);
    case Effect::LevelUp:
        return synthesise({{523.25, 0.0, 0.2, 0.4}, {659.25, 0.1, 0.2, 0.4}, {783.99, 0.2, 0.2, 0.4},
                           {1046.5, 0.3, 0.45, 0.4}},
                          0.8);
    case Effect::Streak:
        return synthesise({{440.0, 0.0, 0.5, 0.3}, {554.37, 0.05, 0.5, 0.3}, {659.25, 0.1, 0.55, 0.3}}, 0.7);
    case Effect::QuestComplete:  // two quick rising notes and a bright third: shorter than a level-up
        return synthesise({{659.25, 0.0, 0.12, 0.4}, {880.0, 0.08, 0.14, 0.4}, {1318.5, 0.16, 0.3, 0.35}}, 0.5);
    }
    return {};
}

}  // namespace

bool Audio::deviceLikely() {
    if (const char* forced = std::getenv("ATTUNE_SOUND"); forced && std::string(forced) == "0") return false;
    std::error_code ec;
    if (const char* pulse = std::getenv("PULSE_SERVER"); pulse && *pulse) return true;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
        const std::filesystem::path dir(runtime);
        if (std::filesystem::exists(dir / "pulse" / "native", ec) || std::filesystem::exists(dir / "pipewire-0", ec))
            return true;
    }
    // ALSA: a playback device node (pcmC0D0p...).
    for (const auto& entry : std::filesystem::directory_iterator("/dev/snd", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("pcm", 0) == 0 && !name.empty() && name.back() == 'p') return true;
    }
    return false;
}

Audio::Audio(bool wanted) : m_wanted(wanted) {
    if (!deviceLikely()) return;
    // OpenAL Soft is chatty on stderr when something is off; keep it quiet unless asked.
    setenv("ALSOFT_LOGLEVEL", "0", 0);
    auto bank = std::make_unique<Bank>();
    const Effect all[] = {Effect::Reveal, Effect::Right, Effect::Wrong, Effect::LevelUp, Effect::Streak, Effect::QuestComplete};
    for (const Effect effect : all) {
        const auto samples = effectSamples(effect);
        if (!bank->buffers[static_cast<std::size_t>(effect)].loadFromSamples(samples.data(), samples.size(), 1, kRate))
            return;
    }
    m_bank = std::move(bank);
}

Audio::~Audio() = default;

void Audio::play(Effect effect) {
    if (!m_bank || !m_wanted) return;
    sf::Sound& voice = m_bank->voices[m_bank->next];
    m_bank->next = (m_bank->next + 1) % m_bank->voices.size();
    voice.setBuffer(m_bank->buffers[static_cast<std::size_t>(effect)]);
    voice.setVolume(60.0f);
    voice.play();
}

}  // namespace attune::ui
