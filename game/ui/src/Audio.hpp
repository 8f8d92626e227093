// Soft, short sound effects synthesised in code (no sound files). When there is no audio
// device the game stays silent and quiet: nothing touches OpenAL, so nothing is printed.
#pragma once

#include <SFML/Audio/Sound.hpp>
#include <SFML/Audio/SoundBuffer.hpp>

#include <array>
#include <memory>

namespace attune::ui {

enum class Effect { Reveal, Right, Wrong, LevelUp, Streak, QuestComplete };

class Audio {
public:
    /// `wanted` is the player's sound setting; the device is probed once, before any sound.
    explicit Audio(bool wanted);
    ~Audio();
    Audio(const Audio&) = delete;
    Audio& operator=(const Audio&) = delete;

    void play(Effect effect);
    void setEnabled(bool wanted) { m_wanted = wanted; }
    bool available() const { return m_bank != nullptr; }

    /// Whether an audio output seems to exist (ALSA cards, a PulseAudio/PipeWire socket).
    /// ATTUNE_SOUND=0 forces silence.
    static bool deviceLikely();

private:
    struct Bank {
        std::array<sf::SoundBuffer, 6> buffers;
        std::array<sf::Sound, 4> voices;  // a few at once, round robin
        std::size_t next = 0;
    };
    std::unique_ptr<Bank> m_bank;
    bool m_wanted = true;
};

}  // namespace attune::ui
