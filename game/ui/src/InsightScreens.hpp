// The screens for looking back and ahead: the topic map, the weak topics, the stats and the
// deck browser (with live reload). They share the shell's widgets, theme and text layout; this
// header holds their factories and the few layout helpers they have in common.
#pragma once

#include "App.hpp"
#include "Screen.hpp"

#include <attune/model/progress/CardHistory.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::ui {

std::unique_ptr<Screen> makeTopicMapScreen(App& app);
std::unique_ptr<Screen> makeWeakTopicsScreen(App& app);
/// The Stats screen's pages (tabs).
enum class StatsPage { Activity, Forecast, Memory, Topics };
inline constexpr int StatsPageCount = 4;
std::unique_ptr<Screen> makeStatsScreen(App& app, StatsPage page = StatsPage::Activity);
/// The page a Stats screen shows; nullopt for other screens.
std::optional<StatsPage> statsPage(Screen& screen);
/// Every achievement: earned with its date, locked with the progress toward it.
std::unique_ptr<Screen> makeTrophyRoomScreen(App& app);
/// The decks and a browser of every card; `deckId`/`cardId` open it at one card.
std::unique_ptr<Screen> makeDeckBrowserScreen(App& app, std::string deckId = {}, std::string cardId = {});

/// The card editor for a deck file of the player's: `cardId` empty makes a new card; `onSaved`
/// hears the id of each card saved.
std::unique_ptr<Screen> makeCardEditorScreen(App& app, model::Deck deck, std::string cardId,
                                             std::function<void(const std::string& cardId)> onSaved);
/// What the card editor shows now (for tests); empty for other screens.
struct EditorView {
    std::string deckId;
    std::string cardId;  // empty: a new card not saved yet
    std::string type;    // "basic", "cloze", ...
    std::string question;
    bool unsaved = false;
    bool confirmOpen = false;             // "save, discard or keep editing?" is asked
    std::string status;                   // the footer's message after a save
    std::vector<std::string> problems;    // "key: message", as shown beside the fields
};
std::optional<EditorView> editorView(Screen& screen);
/// The new-deck form (title, topics): makes the deck file in the player's deck folder, then
/// `onCreated` hears its path and id (the deck browser opens the editor on it).
std::unique_ptr<Screen> makeNewDeckScreen(App& app, std::set<std::string> takenDeckIds,
                                          std::function<void(const std::filesystem::path& file, const std::string& deckId)> onCreated);

/// One card's figures, forgetting curve and history (from the deck browser or a study card).
std::unique_ptr<Screen> makeCardInfoScreen(App& app, model::CardHistory history);

/// What the deck browser shows now (the live-reload test reads it); empty for other screens.
struct BrowserView {
    std::string deckId;
    std::string cardId;     // the study card shown
    std::string question;
    std::string answer;
    std::size_t position = 0;  // 0-based among the cards the search matches
    std::size_t count = 0;
    std::vector<std::string> diagnostics;  // "file:line:col: error: ..."
    std::uint64_t generation = 0;          // reloads seen
    std::string hold;                      // the card's progress line: "... · suspended" and the like
    std::string holdButton;                // "Suspend (s)" or "Bring back (s)"; empty: not in the course
    bool importOpen = false;               // the import panel is shown
    bool importRunning = false;            // an import is under way on its worker
    std::string importMessage;             // how the last import ended
    std::vector<std::string> deckTitles;   // the decks listed
    bool editable = false;                 // New card and Edit work on the deck shown
    std::string authoring;                 // why not, in their place ("The bundled course is read-only...")
};
std::optional<BrowserView> browserView(Screen& screen);

/// "87 %"
std::string percentText(double fraction);

/// A vertical list that scrolls: rows are placed from the top of `view`, shifted by the scroll;
/// a row not wholly inside the view is hidden (its control stays focusable).
struct ScrollArea {
    Rect view;
    float scroll = 0.0f;
    float content = 0.0f;  // total height of the rows

    /// The row's rect on screen for a row at `offset` (from the list's top) and `height`.
    Rect place(float offset, float height) const { return {view.x, view.y + offset - scroll, view.w, height}; }
    bool shows(const Rect& r) const { return view.encloses(r); }
    /// The part of `r` inside the view, for drawing a row that is partly scrolled out.
    Rect clip(const Rect& r) const {
        const float top = std::max(r.y, view.y);
        const float bottom = std::min(r.bottom(), view.bottom());
        return {r.x, top, r.w, std::max(0.0f, bottom - top)};
    }
    /// Scrolls the least so that the row at `offset`/`height` is in view.
    void reveal(float offset, float height);
    void clamp();
};

/// The header every insight screen has: a Back button (id `backId`) and the title; returns the
/// rest of `content` below it.
Rect layoutHeader(Ui& ui, Controls& controls, Rect content, int backId, const std::string& title, TextBlock& titleBlock,
                  float gap);

}  // namespace attune::ui
