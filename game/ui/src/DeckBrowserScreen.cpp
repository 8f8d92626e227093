// Decks: the loaded decks (bundled, the player's folder, --deck) with their card counts, the
// validator's diagnostics (file:line:col), and a browser that pages through every card as the
// study screen shows it (front and back), with text search. Deck files are watched: an edit
// shows within about a second, the browser stays on the same card, and a broken edit shows
// its diagnostic while the last good version stays in use. Import (key m) takes the path of an
// Anki package or a CSV export and imports it into the player's decks folder on a worker thread,
// its progress drawn; the new deck then shows like any edit. The player's own decks can be edited
// here: New card (n), Edit (e) and New deck (d) open the card editor; the bundled course is read-only
// and says so in their place.
#include "InsightScreens.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/core/TextFold.hpp>
#include <attune/model/deck/DeckInstall.hpp>
#include <attune/model/deck/DeckWatcher.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/CardFace.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace attune::ui {
namespace {

enum Id {
    Back = 1, Search = 2, Previous = 3, Next = 4, DeckChooser = 5, CardInfo = 6, SetAside = 7, Import = 8,
    NewCard = 9, EditCard = 10, NewDeck = 11,
    ImportPath = 20, ImportStart = 21, ImportClose = 22, AllDecks = 30, FirstDeck = 31
};

std::string plural(std::size_t n, const char* word) { return model::countText(static_cast<std::int64_t>(n)) + " " + word + (n == 1 ? "" : "s"); }

/// One import on the worker thread. The screen reads the step and fraction while it runs; the
/// result is written before `finished` is set (release) and read after it (acquire).
struct ImportJob {
    std::filesystem::path input, folder;
    std::atomic<double> fraction{0.0};
    std::atomic<bool> finished{false};
    mutable std::mutex stepMutex;
    std::string step;
    model::DeckInstallResult result;

    void run() {
        result = model::installDeckFile(input, folder, [this](const std::string& s, double f) {
            fraction.store(f, std::memory_order_relaxed);
            const std::lock_guard lock(stepMutex);
            step = s;
        });
        finished.store(true, std::memory_order_release);
    }
    std::string currentStep() const {
        const std::lock_guard lock(stepMutex);
        return step;
    }
};

/// How an import ended, in the player's words.
std::string importOutcome(const model::DeckInstallResult& r) {
    if (!r.ok) return "Nothing was imported: " + r.error;
    std::string text = "Imported \xE2\x80\x9C" + r.title + "\xE2\x80\x9D: " + plural(r.cardCount, "card");
    if (r.pictureCount > 0) text += ", " + plural(r.pictureCount, "picture");
    const std::size_t warnings = r.warningCount();
    if (warnings == 0) {
        text += ", no warnings";
    } else {
        const auto first = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                        [](const model::Diagnostic& d) { return d.severity == model::Diagnostic::Severity::Warning; });
        text += ", " + plural(warnings, "warning") + " (" + (warnings == 1 ? "" : "the first: ") + first->message + ")";
    }
    return text + ". Written to " + r.deckFile.string() + "; it is listed with your decks.";
}

// What the player did with a card beyond answering it, for the browser's progress line.
const char* holdText(model::CardHold hold) {
    switch (hold) {
    case model::CardHold::None: return "";
    case model::CardHold::Buried: return " \xC2\xB7 buried until tomorrow";
    case model::CardHold::Suspended: return " \xC2\xB7 suspended";
    case model::CardHold::Leech: return " \xC2\xB7 set aside as a leech";
    }
    return "";
}

const char* originName(model::DeckOrigin origin) {
    switch (origin) {
    case model::DeckOrigin::Bundled: return "Bundled";
    case model::DeckOrigin::Player: return "Your decks folder";
    case model::DeckOrigin::CommandLine: return "--deck";
    }
    return "";
}

class DeckBrowserScreen final : public Screen {
public:
    DeckBrowserScreen(App& app, std::string deckId, std::string cardId)
        : Screen(app), m_watcher(app.game().deckSources()), m_placeDeck(std::move(deckId)), m_placeCard(std::move(cardId)) {
        rebuild();
        if (!m_placeCard.empty()) m_controls.focus(Next);
    }
    ~DeckBrowserScreen() override {
        // An import cannot stop halfway (its files are written at once at the end): let it end.
        if (m_worker.joinable()) m_worker.join();
    }
    DeckBrowserScreen(const DeckBrowserScreen&) = delete;
    DeckBrowserScreen& operator=(const DeckBrowserScreen&) = delete;

    BrowserView view() const {
        BrowserView v;
        v.count = m_entries.size();
        v.position = m_position;
        v.generation = m_watcher.generation();
        for (const auto& d : m_watcher.diagnostics()) v.diagnostics.push_back(d.format());
        if (const Entry* e = current()) {
            const model::Deck& deck = m_watcher.decks()[e->deck].deck;
            const model::StudyCard& study = deck.studyCards[e->study];
            const model::CardFace face = model::faceOf(deck, study, 0);
            v.deckId = deck.id;
            v.cardId = study.id;
            v.question = face.question;
            v.answer = face.answer;
            v.hold = m_progressText;
            v.holdButton = m_holdButton;
        }
        v.importOpen = m_importOpen;
        v.importRunning = m_job != nullptr;
        v.importMessage = m_importMessage;
        for (const auto& d : m_watcher.decks()) v.deckTitles.push_back(d.deck.title);
        v.editable = editableDeck() != nullptr;
        v.authoring = m_authoringNote;
        return v;
    }

    // Back from the card editor: its save is on disk; show it now, not at the next look.
    void resumed() override {
        if (m_watcher.checkNow()) m_app.game().replaceDecks(m_watcher.decks());
        rebuild();
        invalidate();
    }

    bool typing() const override {
        const auto focus = m_controls.focused();
        return focus && (*focus == Search || (*focus == ImportPath && m_importOpen && !m_job));
    }

    void update(float) override {
        if (m_job && m_job->finished.load(std::memory_order_acquire)) finishImport();
        if (m_job && m_job->currentStep() != m_shownStep) invalidate();
        if (m_watcher.poll(model::DeckWatcher::Clock::now())) {
            m_app.game().replaceDecks(m_watcher.decks());
            rebuild();
            invalidate();
        }
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        const float gap = ui.px(14.0f);
        Rect content = area.inset(ui.px(24.0f));
        content = content.centered(std::min(content.w, ui.px(1180.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Decks", m_title, gap);
        const unsigned body = ui.textSize(TextSize::Body);
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const bool wide = content.w >= ui.lineHeight(body) * 30.0f;
        m_wide = wide;
        const auto& decks = m_watcher.decks();

        m_deckRows.clear();
        m_problems.clear();
        Rect browser = content;
        Rect searchRow;
        if (wide) {
            Rect side = browser.takeLeft(browser.w * 0.34f, gap);
            const Rect importButton = side.takeBottom(buttonHeight(ui), gap);
            m_controls.add(Control(AllDecks, side.takeTop(buttonHeight(ui), ui.px(8.0f)), "All decks (" + model::countText(static_cast<std::int64_t>(totalCards())) + " cards)")
                               .withStyle(m_deckFilter ? ButtonStyle::Normal : ButtonStyle::Primary),
                           ui);
            const float problemsH = std::max(side.h * 0.32f, small * 5.0f);
            Rect problems = side.takeBottom(std::min(side.h * 0.5f, problemsH), gap);
            for (std::size_t i = 0; i < decks.size(); ++i) {
                // A long title takes two lines.
                const float titleH = std::min(ui.lineHeight(body) * 2.0f, ui.textHeight(decks[i].deck.title, side.w - ui.px(28.0f), TextSize::Body, true));
                const float rowH = std::round(titleH + small * 2.2f + ui.px(16.0f));
                const Rect r = side.takeTop(rowH, ui.px(8.0f));
                const bool hidden = r.h < rowH - 0.5f;
                m_controls.add(Control(FirstDeck + static_cast<int>(i), r, "").withStyle(ButtonStyle::Normal).hiddenIf(hidden), ui);
                if (hidden) continue;
                Rect inner = r.inset(ui.px(14.0f), ui.px(8.0f));
                const model::Deck& deck = decks[i].deck;
                DeckRow row;
                row.selected = m_deckFilter && *m_deckFilter == i;
                row.rect = r;
                row.title = ui.text(deck.title, inner.takeTop(titleH), TextSize::Body, true, Align::Left, false, 0.6f);
                row.detail = ui.text(std::string(originName(decks[i].origin)) + " \xC2\xB7 " + model::countText(static_cast<std::int64_t>(deck.cards.size())) + " cards \xC2\xB7 " +
                                         model::countText(static_cast<std::int64_t>(deck.studyCards.size())) + " to study\n" + deck.file.filename().string(),
                                     inner, TextSize::Small, false, Align::Left, false, 0.6f);
                m_deckRows.push_back(std::move(row));
            }
            layoutProblems(ui, problems);
            // After the decks in the Tab order, as on screen.
            m_controls.add(Control(Import, importButton, "Import a deck (m)"), ui);
        } else {
            // Narrow: search and a deck chooser (Enter cycles: all decks, then each) share a
            // row; the problems sit in a strip at the bottom.
            // (The import panel, while open, takes this row too.)
            if (!m_importOpen) {
                searchRow = browser.takeTop(buttonHeight(ui), gap);
                const float importW = std::min(searchRow.w * 0.3f, ui.width("Import (m)", body, false) + ui.px(36.0f));
                m_controls.add(Control(Import, searchRow.takeRight(importW, ui.px(8.0f)), "Import (m)"), ui);
                m_controls.add(Control(Search, searchRow.takeLeft(searchRow.w * 0.58f, ui.px(8.0f)), "Search cards\xE2\x80\xA6").asTextField(), ui);
            }
            const std::string chosen = m_deckFilter && *m_deckFilter < decks.size()
                                           ? decks[*m_deckFilter].deck.title + " (" + std::to_string(decks[*m_deckFilter].deck.studyCards.size()) + ")"
                                           : "All decks (" + model::countText(static_cast<std::int64_t>(totalCards())) + ")";
            if (!m_importOpen) m_controls.add(Control(DeckChooser, searchRow, chosen + " \xE2\x96\xB8").plainLabel(), ui);
            const float lines = m_watcher.diagnostics().empty() ? 1.0f : 2.4f;
            layoutProblems(ui, browser.takeBottom(small * lines + ui.px(20.0f), gap));
        }

        m_importBlocks.clear();
        if (m_importOpen) {
            // The import panel takes the browser's place until it is closed.
            layoutImport(ui, browser);
            m_card = {};
            m_cardHeader = m_question = m_answer = m_explain = m_progressLine = m_count = {};
            m_options.clear();
            if (!focus || !m_controls.find(*focus)) focus = m_job || m_importOk ? ImportClose : ImportPath;
            m_controls.focus(*focus);
            return;
        }

        // The browser: search, the card, paging.
        if (wide) {
            // Search, then New card, Edit and New deck on the same row.
            searchRow = browser.takeTop(buttonHeight(ui), gap);
            Rect authoring = searchRow.takeRight(searchRow.w * 0.55f, ui.px(8.0f));
            m_controls.add(Control(Search, searchRow, "Search cards\xE2\x80\xA6").asTextField(), ui);
            layoutAuthoring(ui, authoring);
        } else if (authoringFits(ui, browser, gap)) {
            layoutAuthoring(ui, browser.takeTop(buttonHeight(ui), gap));
        } else {
            // No room for a row of its own (large text): the keys n, e and d still work, and the
            // card's header says when its deck is read-only.
            m_authoring = {};
            m_authoringNote = editableDeck() != nullptr ? "" : "read-only";
        }
        Rect nav = browser.takeBottom(buttonHeight(ui), gap);
        const float navButton = std::min(nav.w * 0.3f, ui.width("Previous", body, true) + ui.px(70.0f));
        m_controls.add(Control(Previous, nav.takeLeft(navButton, gap), "Previous").enabledIf(m_position > 0), ui);
        m_controls.add(Control(Next, nav.takeRight(navButton, gap), "Next").enabledIf(m_position + 1 < m_entries.size()), ui);
        m_count = ui.text(m_entries.empty() ? "No card matches" : "Card " + model::countText(static_cast<std::int64_t>(m_position + 1)) + " of " + model::countText(static_cast<std::int64_t>(m_entries.size())), nav,
                          TextSize::Body, false, Align::Center, true, 0.5f);
        m_card = browser;
        layoutCard(ui, m_card.inset(ui.px(24.0f), ui.px(16.0f)));

        if (!focus) focus = m_entries.size() > 1 ? Next : Search;
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(m_entries.size() > 1 ? Next : Search);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        if (m_importOpen) ui.panel(target, m_importPanel);  // under its field and buttons
        m_controls.draw(target, ui, m_importOpen ? m_importPath : m_query, m_app.clock());
        for (const auto& row : m_deckRows) {
            if (row.selected) ui.frame(target, row.rect, p.accent, std::max(2.0f, ui.px(3.0f)), ui.px(12.0f));
            ui.draw(target, row.title, p.text);
            ui.draw(target, row.detail, p.textMuted);
        }
        ui.panel(target, m_problemsPanel);
        for (const auto& line : m_problems) {
            if (line.icon != Icon::None) ui.icon(target, line.icon, line.iconRect, line.color);
            ui.draw(target, line.text, line.icon == Icon::Check ? p.textMuted : p.text);
        }
        if (m_importOpen) {
            for (const auto& block : m_importBlocks) ui.draw(target, block.text, block.muted ? p.textMuted : p.text);
            if (m_job) ui.bar(target, m_importBar, m_job->fraction.load(std::memory_order_relaxed), p.accent);
            return;
        }
        ui.draw(target, m_authoring, p.textMuted);
        ui.panel(target, m_card);
        ui.draw(target, m_cardHeader, p.textMuted);
        ui.draw(target, m_question, p.text);
        if (!m_answer.runs.empty() || !m_options.empty()) ui.box(target, m_divider, p.border, 0.0f);
        for (const auto& option : m_options) {
            if (option.right) ui.icon(target, Icon::Check, option.iconRect, p.right);
            ui.draw(target, option.text, option.right ? p.right : p.text);
        }
        ui.draw(target, m_answer, p.text);
        ui.draw(target, m_explain, p.textMuted);
        if (m_picture.w > 0.0f) ui.picture(target, m_pictureFile, m_picture, m_pictureAlt);
        ui.draw(target, m_progressLine, p.textMuted);
        ui.draw(target, m_count, p.textMuted);
    }

    void onText(char32_t codePoint) override {
        if (m_importOpen) {
            if (utf8Length(m_importPath) < 4096) utf8Append(m_importPath, codePoint);
            invalidate();
            return;
        }
        utf8Append(m_query, codePoint);
        refilter();
    }

    void onAction(const InputAction& action) override {
        if (m_importOpen && importAction(action)) return;
        if (action.action == Action::Import && !typing()) {
            openImport();
            return;
        }
        if (action.action == Action::Erase && typing()) {
            m_query = utf8DropLast(m_query);
            refilter();
            return;
        }
        if (action.action == Action::NewCard && !typing()) {
            newCard();
            return;
        }
        if (action.action == Action::NewDeck && !typing()) {
            newDeck();
            return;
        }
        if (action.action == Action::EditCard && !typing()) {
            editCard();
            return;
        }
        if (action.action == Action::Suspend && !typing()) {
            toggleSetAside();
            return;
        }
        if (action.action == Action::Back && typing() && !m_query.empty()) {
            m_query.clear();  // Esc in the search field clears it first
            refilter();
            return;
        }
        if (action.action == Action::CardInfo) {
            showCardInfo();
            return;
        }
        Screen::onAction(action);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) {
            if (!m_job) m_app.pop();
        } else if (id == Import) {
            openImport();
        } else if (id == ImportPath || id == ImportStart) {
            startImport();
        } else if (id == ImportClose) {
            closeImport();
        } else if (id == CardInfo) {
            showCardInfo();
        } else if (id == Previous && m_position > 0) {
            --m_position;
            remember();
        } else if (id == Next && m_position + 1 < m_entries.size()) {
            ++m_position;
            remember();
        } else if (id == SetAside) {
            toggleSetAside();
        } else if (id == NewCard) {
            newCard();
        } else if (id == EditCard) {
            editCard();
        } else if (id == NewDeck) {
            newDeck();
        } else if (id == DeckChooser) {
            const std::size_t count = m_watcher.decks().size();
            if (!m_deckFilter) m_deckFilter = std::size_t{0};
            else ++*m_deckFilter;
            if (*m_deckFilter >= count) m_deckFilter.reset();
            refilter();
        } else if (id == AllDecks) {
            m_deckFilter.reset();
            refilter();
        } else if (id >= FirstDeck) {
            m_deckFilter = static_cast<std::size_t>(id - FirstDeck);
            refilter();
        }
        invalidate();
    }

private:
    struct Block {
        TextBlock text;
        bool muted = false;
    };

    /// The deck New card and Edit work on: the deck of the card shown, else the deck chosen on
    /// the left, when it is the player's and its file can be written; nullptr otherwise.
    const model::LibraryDeck* editableDeck() const {
        const auto& decks = m_watcher.decks();
        std::optional<std::size_t> index;
        if (const Entry* e = current()) index = e->deck;
        else if (m_deckFilter) index = *m_deckFilter;
        if (!index || *index >= decks.size()) return nullptr;
        const model::LibraryDeck& deck = decks[*index];
        if (deck.origin == model::DeckOrigin::Bundled) return nullptr;
        const std::filesystem::path& file = deck.deck.file;
        if (::access(file.c_str(), W_OK) != 0 || ::access(file.parent_path().empty() ? "." : file.parent_path().c_str(), W_OK) != 0) return nullptr;
        return &deck;
    }

    std::set<std::string> deckIds() const {
        std::set<std::string> ids;
        for (const auto& d : m_watcher.decks()) ids.insert(d.deck.id);
        return ids;
    }

    std::function<void(const std::string&)> whenSaved(const std::string& deckId) {
        return [this, deckId](const std::string& cardId) {
            m_placeDeck = deckId;
            m_placeCard = cardId;
        };
    }

    void newCard() {
        if (const model::LibraryDeck* deck = editableDeck()) m_app.push(makeCardEditorScreen(m_app, deck->deck, {}, whenSaved(deck->deck.id)));
    }

    void editCard() {
        const model::LibraryDeck* deck = editableDeck();
        const Entry* e = current();
        if (deck == nullptr || e == nullptr) return;
        const model::Card& card = deck->deck.cardOf(deck->deck.studyCards[e->study]);
        m_app.push(makeCardEditorScreen(m_app, deck->deck, card.id, whenSaved(deck->deck.id)));
    }

    void newDeck() {
        m_app.push(makeNewDeckScreen(m_app, deckIds(), [this](const std::filesystem::path& file, const std::string& deckId) {
            // The new file is read at once; the editor opens on it for its first card.
            if (m_watcher.checkNow()) m_app.game().replaceDecks(m_watcher.decks());
            const auto& decks = m_watcher.decks();
            for (std::size_t i = 0; i < decks.size(); ++i) {
                if (decks[i].deck.id != deckId || decks[i].deck.file != file) continue;
                m_deckFilter = i;
                m_placeDeck = deckId;
                m_placeCard.clear();
                rebuild();
                m_app.push(makeCardEditorScreen(m_app, decks[i].deck, {}, whenSaved(deckId)));
                return;
            }
            m_app.toast("The new deck " + file.string() + " was written but could not be read back: see the problems list.", 6.0f);
        }));
    }

    /// Whether a row for New card, Edit and New deck leaves the card room for its texts.
    bool authoringFits(Ui& ui, const Rect& browser, float gap) const {
        const Entry* e = current();
        if (e == nullptr) return true;
        const model::Deck& deck = m_watcher.decks()[e->deck].deck;
        const model::CardFace face = model::faceOf(deck, deck.studyCards[e->study], 0);
        const float w = browser.w - ui.px(48.0f);
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        float need = small * 2.0f + ui.textHeight(face.question, w, TextSize::Large) + ui.textHeight(face.answer, w, TextSize::Body, true) +
                     std::max(buttonHeight(ui), small * 1.2f) + ui.px(32.0f) + ui.px(40.0f);
        for (const auto& option : face.options) need += ui.textHeight(option, w - small * 1.4f, TextSize::Body) + ui.px(4.0f);
        if (!face.explain.empty()) need += small;
        return browser.h - (buttonHeight(ui) + gap) * 2.0f >= need;
    }

    // New card, Edit and New deck above the card; for a deck that cannot be edited a sentence
    // saying why takes the place of the first two.
    void layoutAuthoring(Ui& ui, Rect row) {
        const unsigned body = ui.textSize(TextSize::Body);
        const float gap = ui.px(8.0f);
        m_authoring = {};
        m_authoringNote.clear();
        if (editableDeck() != nullptr) {
            // Three buttons of one width, as wide as the row allows, from the right.
            const float w = std::min((row.w - gap * 2.0f) / 3.0f, ui.width("New card (n)", body, true) + ui.px(40.0f));
            const Rect deckButton = row.takeRight(w, gap);
            const Rect editButton = row.takeRight(w, gap);
            m_controls.add(Control(NewCard, row.takeRight(w, gap), "New card (n)"), ui);
            m_controls.add(Control(EditCard, editButton, "Edit (e)").enabledIf(current() != nullptr), ui);
            m_controls.add(Control(NewDeck, deckButton, "New deck"), ui);
            return;
        }
        const float deckW = std::min(row.w * 0.32f, ui.width("New deck", body, true) + ui.px(40.0f));
        m_controls.add(Control(NewDeck, row.takeRight(deckW, gap), "New deck"), ui);
        const Entry* e = current();
        const bool bundled = e != nullptr && m_watcher.decks()[e->deck].origin == model::DeckOrigin::Bundled;
        m_authoringNote = bundled ? "The bundled course is read-only: New deck makes one of your own."
                                  : "This deck's file cannot be written: it is read-only here.";
        m_authoring = ui.text(m_authoringNote, row, TextSize::Small, false, Align::Left, true, 0.5f);
    }

    void openImport() {
        if (m_importOpen) return;
        m_importOpen = true;
        m_importMessage.clear();
        m_controls.focus(ImportPath);
        invalidate();
    }

    void closeImport() {
        if (m_job) return;
        m_importOpen = false;
        m_importMessage.clear();
        m_importPath.clear();
        m_controls.focus(Import);
        invalidate();
    }

    /// Keys while the panel is open; false when the browser's own handling applies.
    bool importAction(const InputAction& action) {
        if (action.action == Action::Back) {
            closeImport();  // Esc cancels (not while the import runs: it cannot stop halfway)
            return true;
        }
        if (action.action == Action::Erase && typing()) {
            m_importPath = utf8DropLast(m_importPath);
            invalidate();
            return true;
        }
        if (m_job && action.action != Action::ToggleFullscreen) return true;
        // The card is hidden behind the panel: its keys wait until the panel closes.
        return action.action == Action::Import || action.action == Action::Suspend || action.action == Action::CardInfo;
    }

    void startImport() {
        if (m_job || !m_importOpen) return;
        // A path pasted from a file manager may come in quotes.
        std::filesystem::path input = std::string(model::trimmed(model::trimmed(m_importPath), "'\""));
        if (const char* home = std::getenv("HOME"); home && !input.empty() && input.string().rfind("~/", 0) == 0)
            input = std::filesystem::path(home) / input.string().substr(2);
        m_job = std::make_unique<ImportJob>();
        m_job->input = input;
        m_job->folder = model::userDecksDir();
        m_importMessage.clear();
        m_shownStep.clear();
        m_worker = std::thread([job = m_job.get()] { job->run(); });
        m_controls.focus(ImportClose);
        invalidate();
    }

    void finishImport() {
        m_worker.join();
        m_importMessage = importOutcome(m_job->result);
        m_importOk = m_job->result.ok;
        m_job.reset();
        // The watcher sees the new file at once, not at its next look.
        if (m_importOk && m_watcher.checkNow()) {
            m_app.game().replaceDecks(m_watcher.decks());
            rebuild();
        }
        // After a failure the path stays in its field, to be corrected.
        m_controls.focus(m_importOk ? ImportClose : ImportPath);
        invalidate();
    }

    // The heading, then what is going on (the explanation while the player types, the step and
    // bar while it runs, how it ended after), the path field (until an import succeeded) and
    // the buttons. The texts drop to the small size when the body size does not fit.
    void layoutImport(Ui& ui, Rect area) {
        m_importPanel = area;
        Rect r = area.inset(ui.px(24.0f), ui.px(18.0f));
        const float gap = ui.px(12.0f);
        const bool running = m_job != nullptr;
        const bool imported = !running && m_importOk && !m_importMessage.empty();
        std::string status;
        if (running) {
            m_shownStep = m_job->currentStep();
            status = "Importing " + m_job->input.filename().string() + (m_shownStep.empty() ? std::string("\xE2\x80\xA6") : ": " + m_shownStep + "\xE2\x80\xA6");
        } else if (!m_importMessage.empty()) {
            status = m_importMessage;
        } else {
            status = "The path of an Anki package (.apkg, .colpkg) or a CSV export (.csv, .tsv); the deck goes into " + model::userDecksDir().string() +
                     ". Review history is not imported here: use `attune deck import FILE --with-history`.";
        }
        const bool muted = m_importMessage.empty() && !running;
        const bool bold = !m_importMessage.empty() && !m_importOk;
        const float controlsH = (imported ? 1.0f : 2.0f) * (buttonHeight(ui) + gap) + (running ? ui.px(18.0f) + gap : 0.0f);
        const float headingH = ui.textHeight("Import a deck", r.w, TextSize::Body, true);
        const float room = r.h - headingH - gap - controlsH;
        const float size = ui.textHeight(status, r.w, TextSize::Body, bold) <= room ? TextSize::Body : TextSize::Small;
        m_importBlocks.push_back({ui.text("Import a deck", r.takeTop(std::min(r.h, headingH), gap), TextSize::Body, true, Align::Left, false, 0.5f), false});
        const float statusH = std::min(std::max(room, 0.0f), ui.textHeight(status, r.w, size, bold));
        m_importBlocks.push_back({ui.text(status, r.takeTop(statusH, gap), size, bold, Align::Left, false, 0.5f), muted});
        if (running) m_importBar = r.takeTop(std::min(r.h, ui.px(18.0f)), gap);
        if (!imported)
            m_controls.add(Control(ImportPath, r.takeTop(buttonHeight(ui), gap), "Path of the file\xE2\x80\xA6").asTextField().enabledIf(!running), ui);
        Rect buttons = r.takeTop(buttonHeight(ui), gap);
        const unsigned body = ui.textSize(TextSize::Body);
        const float w = std::min(buttons.w * 0.45f, ui.width("Cancel", body, true) + ui.px(60.0f));
        if (!imported)
            m_controls.add(Control(ImportStart, buttons.takeLeft(w, gap), "Import").withStyle(ButtonStyle::Primary).enabledIf(!running), ui);
        m_controls.add(Control(ImportClose, buttons.takeLeft(w, gap), m_importMessage.empty() ? "Cancel" : "Close").enabledIf(!running), ui);
    }

    struct Entry {
        std::size_t deck = 0;   // into m_watcher.decks()
        std::size_t study = 0;  // into its studyCards
    };
    struct DeckRow {
        Rect rect;
        bool selected = false;
        TextBlock title, detail;
    };
    struct ProblemLine {
        Icon icon = Icon::Cross;
        Rect iconRect;
        sf::Color color;
        TextBlock text;
    };
    struct OptionLine {
        bool right = false;
        Rect iconRect;
        TextBlock text;
    };

    std::size_t totalCards() const {
        std::size_t n = 0;
        for (const auto& d : m_watcher.decks()) n += d.deck.studyCards.size();
        return n;
    }

    const Entry* current() const { return m_position < m_entries.size() ? &m_entries[m_position] : nullptr; }

    void showCardInfo() {
        const Entry* e = current();
        if (!e) return;
        const model::Deck& deck = m_watcher.decks()[e->deck].deck;
        if (auto history = m_app.game().cardHistory(deck.id, deck.studyCards[e->study].id))
            m_app.push(makeCardInfoScreen(m_app, std::move(*history)));
    }

    // Suspends the card shown, or brings it back (a suspended card or a leech set aside).
    void toggleSetAside() {
        const Entry* e = current();
        if (!e) return;
        const model::Deck& deck = m_watcher.decks()[e->deck].deck;
        const auto card = m_app.game().course().findCard(deck.id, deck.studyCards[e->study].id);
        if (!card) return;
        const bool aside = !model::isSetAside(m_app.game().course().holdOf(*card));
        const model::CardMarkResult result = m_app.game().setAside(*card, aside);
        if (!result.changed) return;
        if (!result.saved.ok) m_app.toast(result.saved.message, 6.0f);
        else m_app.toast(aside ? "Suspended: it stays out of study until you bring it back." : "Brought back: it is due as its answers scheduled it.", 3.5f);
        invalidate();
    }

    void remember() {
        if (const Entry* e = current()) {
            const model::Deck& deck = m_watcher.decks()[e->deck].deck;
            m_placeDeck = deck.id;
            m_placeCard = deck.studyCards[e->study].id;
        }
    }

    bool matches(const model::Deck& deck, const model::StudyCard& study, const std::string& query) const {
        if (query.empty()) return true;
        const model::Card& card = deck.cardOf(study);
        auto holds = [&query](const std::string& text) { return model::foldedText(text, model::Diacritics::Ignored).find(query) != std::string::npos; };
        for (const std::string* text : {&card.front, &card.back, &card.text, &card.prompt, &card.statement, &card.answer, &card.explain, &card.id})
            if (holds(*text)) return true;
        for (const auto& option : card.options)
            if (holds(option)) return true;
        return false;
    }

    /// The cards the deck filter and the search let through; the place stays on the same card
    /// (by deck and card id) when it is still there.
    void rebuild() {
        const auto& decks = m_watcher.decks();
        if (m_deckFilter && *m_deckFilter >= decks.size()) m_deckFilter.reset();
        const std::string query = model::foldedText(m_query, model::Diacritics::Ignored);  // "cafe" finds "Café"
        m_entries.clear();
        std::optional<std::size_t> place;
        for (std::size_t d = 0; d < decks.size(); ++d) {
            if (m_deckFilter && *m_deckFilter != d) continue;
            const model::Deck& deck = decks[d].deck;
            for (std::size_t s = 0; s < deck.studyCards.size(); ++s) {
                if (!matches(deck, deck.studyCards[s], query)) continue;
                if (deck.id == m_placeDeck && deck.studyCards[s].id == m_placeCard) place = m_entries.size();
                m_entries.push_back({d, s});
            }
        }
        if (place) m_position = *place;
        m_position = m_entries.empty() ? 0 : std::min(m_position, m_entries.size() - 1);
        if (!place) remember();
    }

    void refilter() {
        m_position = 0;
        m_placeCard.clear();
        rebuild();
        invalidate();
    }

    void layoutProblems(Ui& ui, Rect area) {
        const Palette& p = ui.palette();
        m_problemsPanel = area;
        Rect inner = area.inset(ui.px(12.0f), ui.px(8.0f));
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const auto& diagnostics = m_watcher.diagnostics();
        if (diagnostics.empty()) {
            ProblemLine line;
            line.icon = Icon::Check;
            line.color = p.right;
            Rect row = inner.takeTop(std::min(inner.h, small * 2.2f));
            line.iconRect = row.takeLeft(small, ui.px(8.0f)).centered(small * 0.8f, small * 0.8f);
            line.text = ui.text("No problems: every deck file is valid.", row, TextSize::Small, false, Align::Left, true, 0.5f);
            m_problems.push_back(std::move(line));
            return;
        }
        {
            // A heading that counts them, so a long list is never mistaken for one message.
            const std::size_t errors = static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const model::Diagnostic& d) {
                return d.severity == model::Diagnostic::Severity::Error;
            }));
            ProblemLine heading;
            heading.icon = Icon::None;
            heading.text = ui.text(std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") + std::to_string(diagnostics.size() - errors) +
                                       (diagnostics.size() - errors == 1 ? " warning" : " warnings") + " in the deck files: a deck with errors keeps its last good version, if it had one",
                                   inner.takeTop(std::min(inner.h, small), ui.px(6.0f)), TextSize::Small, true, Align::Left, false, 0.5f);
            m_problems.push_back(std::move(heading));
        }
        for (const auto& d : diagnostics) {
            if (inner.h < small) break;
            const std::string text = d.format();
            const float h = std::min({inner.h, ui.textHeight(text, inner.w - small - ui.px(8.0f), TextSize::Small), small * 3.0f});
            Rect row = inner.takeTop(h, ui.px(6.0f));
            ProblemLine line;
            line.icon = d.severity == model::Diagnostic::Severity::Error ? Icon::Cross : Icon::Star;
            line.color = d.severity == model::Diagnostic::Severity::Error ? p.wrong : p.xp;
            line.iconRect = row.takeLeft(small, ui.px(8.0f)).takeTop(small).centered(small * 0.8f, small * 0.8f);
            line.text = ui.text(text, row, TextSize::Small, false, Align::Left, false, 0.5f);
            m_problems.push_back(std::move(line));
        }
    }

    void layoutCard(Ui& ui, Rect r) {
        m_options.clear();
        m_answer = m_explain = m_question = m_progressLine = {};
        const Entry* e = current();
        if (!e) {
            m_cardHeader = ui.text(m_query.empty() ? "No cards loaded." : "No card has \xE2\x80\x9C" + m_query + "\xE2\x80\x9D.", r, TextSize::Body,
                                   false, Align::Center, true, 0.5f);
            return;
        }
        const model::Deck& deck = m_watcher.decks()[e->deck].deck;
        const model::StudyCard& study = deck.studyCards[e->study];
        const model::Card& card = deck.cardOf(study);
        const model::CardFace face = model::faceOf(deck, study, 0);
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        std::string where;
        if (const model::Topic* topic = deck.findTopic(card.topic)) where = topic->title + " \xC2\xB7 ";
        where += std::string(model::cardTypeName(card.type)) + " \xC2\xB7 " + study.id + " (line " + std::to_string(card.line) + ")";
        if (m_authoringNote == "read-only") where += " \xC2\xB7 read-only";
        // The deck's title leads when there is room; the deck list beside the card names it anyway.
        const float headerLines = m_wide ? 2.0f : 1.0f;
        std::string header = deck.title + " \xC2\xB7 " + where;
        if (ui.textHeight(header, r.w, TextSize::Small) > small * headerLines + 0.5f) header = where;
        const float headerH = std::min(small * std::max(headerLines, 2.0f), ui.textHeight(header, r.w, TextSize::Small));
        m_cardHeader = ui.text(header, r.takeTop(headerH, ui.px(8.0f)), TextSize::Small, false, Align::Left, false, 0.6f);

        // What the player has done with it (from the review log, keyed by id: a reload keeps it).
        const model::CourseProgress& p = m_app.game().course();
        std::string progress = "Not studied yet";
        m_holdButton.clear();
        if (const auto index = p.findCard(deck.id, study.id)) {
            const scheduler::CardState& s = p.states[*index];
            if (s.phase != scheduler::CardPhase::New)
                progress = "Answered " + std::to_string(s.reps) + (s.reps == 1 ? " time" : " times") + " \xC2\xB7 " + std::to_string(s.lapses) +
                           (s.lapses == 1 ? " lapse" : " lapses") + " \xC2\xB7 recall now " + percentText(p.recallNow(*index));
            progress += holdText(p.holdOf(*index));
            m_holdButton = model::isSetAside(p.holdOf(*index)) ? "Bring back (s)" : "Suspend (s)";
        }
        m_progressText = progress;
        // Card info (key i) and suspend or bring back (key s), beside the card's progress line.
        const float rowH = std::max({small * 1.2f, ui.lineHeight(ui.textSize(TextSize::Body)) * 1.4f, m_holdButton.empty() ? 0.0f : buttonHeight(ui)});
        Rect progressRow = r.takeBottom(rowH, ui.px(6.0f));
        const float infoW = std::min(progressRow.w * 0.3f, ui.width("Card info", ui.textSize(TextSize::Body), true) + ui.px(40.0f));
        m_controls.add(Control(CardInfo, progressRow.takeRight(infoW, ui.px(8.0f)), "Card info").withStyle(ButtonStyle::Quiet), ui);
        if (!m_holdButton.empty()) {
            const float w = std::min(progressRow.w * 0.45f, ui.width(m_holdButton, ui.textSize(TextSize::Body), false) + ui.px(40.0f));
            m_controls.add(Control(SetAside, progressRow.takeRight(w, ui.px(10.0f)), m_holdButton), ui);
        }
        m_progressLine = ui.text(progress, progressRow, TextSize::Small, false, Align::Left, true, 0.6f);

        // The picture takes the room under the texts they leave at full size (it shrinks first).
        m_picture = {};
        m_pictureFile = face.image;
        m_pictureAlt = face.alt;
        if (!face.image.empty()) {
            float need = ui.textHeight(face.question, r.w, TextSize::Large) + ui.px(10.0f) + std::max(1.0f, ui.px(1.5f)) + ui.px(10.0f);
            for (std::size_t i = 0; i < face.options.size(); ++i)
                need += ui.textHeight(std::to_string(i + 1) + ". " + face.options[i], r.w - small * 1.4f, TextSize::Body) + ui.px(4.0f);
            if (face.options.empty()) need += ui.textHeight(face.answer, r.w, TextSize::Body, true) + ui.px(10.0f);
            if (!face.explain.empty()) need += ui.textHeight(face.explain, r.w, TextSize::Small);
            const float room = std::min(r.h - need - ui.px(10.0f), r.h * 0.6f);
            if (room >= ui.px(40.0f)) m_picture = r.takeBottom(room, ui.px(10.0f));
        }

        // Front, then back, sized like the study card: the question large, the rest body.
        const float budget = r.h;
        const float qH = std::min(budget * 0.4f, ui.textHeight(face.question, r.w, TextSize::Large));
        m_question = ui.text(face.question, r.takeTop(qH, ui.px(10.0f)), TextSize::Large, false, Align::Left, false, 0.5f);
        m_divider = r.takeTop(std::max(1.0f, ui.px(1.5f)), ui.px(10.0f));
        for (std::size_t i = 0; i < face.options.size(); ++i) {
            if (r.h < small) break;
            OptionLine line;
            line.right = static_cast<int>(i) == face.rightOption;
            const std::string label = std::to_string(i + 1) + ". " + face.options[i];
            const float h = std::min(r.h, std::min(ui.textHeight(label, r.w - small * 1.4f, TextSize::Body), ui.lineHeight(ui.textSize(TextSize::Body)) * 2.0f));
            Rect row = r.takeTop(h, ui.px(4.0f));
            line.iconRect = row.takeLeft(small * 1.2f, ui.px(4.0f)).takeTop(small * 1.2f).centered(small, small);
            line.text = ui.text(label, row, TextSize::Body, false, Align::Left, false, 0.5f);
            m_options.push_back(std::move(line));
        }
        if (face.options.empty()) {
            const std::string answer = face.style == model::AnswerStyle::TrueFalse ? (face.truth ? "True" : "False") : face.answer;
            // The back comes first; the explanation gets what room is left.
            const float aH = std::min(r.h, ui.textHeight(answer, r.w, TextSize::Body, true));
            m_answer = ui.text(answer, r.takeTop(aH, ui.px(10.0f)), TextSize::Body, true, Align::Left, false, 0.5f);
        }
        if (!face.explain.empty() && r.h >= small) m_explain = ui.text(face.explain, r, TextSize::Small, false, Align::Left, false, 0.6f);
    }

    model::DeckWatcher m_watcher;
    bool m_importOpen = false;
    bool m_importOk = false;
    std::string m_importPath, m_importMessage, m_shownStep;
    std::unique_ptr<ImportJob> m_job;
    std::thread m_worker;
    Rect m_importPanel, m_importBar;
    std::vector<Block> m_importBlocks;
    bool m_wide = true;
    std::string m_placeDeck, m_placeCard;
    std::optional<std::size_t> m_deckFilter;
    std::string m_query;
    std::vector<Entry> m_entries;
    std::size_t m_position = 0;

    TextBlock m_title, m_count, m_authoring;
    std::string m_authoringNote;
    std::vector<DeckRow> m_deckRows;
    Rect m_problemsPanel;
    std::vector<ProblemLine> m_problems;
    Rect m_card, m_divider;
    TextBlock m_cardHeader, m_question, m_answer, m_explain, m_progressLine;
    Rect m_picture;  // the room for the card's picture (empty: none shown)
    std::string m_pictureFile, m_pictureAlt;
    std::string m_progressText, m_holdButton;
    std::vector<OptionLine> m_options;
};

}  // namespace

std::unique_ptr<Screen> makeDeckBrowserScreen(App& app, std::string deckId, std::string cardId) {
    return std::make_unique<DeckBrowserScreen>(app, std::move(deckId), std::move(cardId));
}

std::optional<BrowserView> browserView(Screen& screen) {
    if (auto* browser = dynamic_cast<DeckBrowserScreen*>(&screen)) return browser->view();
    return std::nullopt;
}

}  // namespace attune::ui
