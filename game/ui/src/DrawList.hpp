// Shapes and texts a screen lays out once, when its size or data change, and draws every frame:
// the charts and tables of Stats, Card info and "What retention should I aim for?".
#pragma once

#include <attune/ui/Ui.hpp>

#include <SFML/Graphics/RenderTarget.hpp>

#include <string>
#include <utility>
#include <vector>

namespace attune::ui {

class DrawList {
public:
    void clear() {
        m_shapes.clear();
        m_texts.clear();
    }
    /// A text in `box`: one line shrunk to fit, or wrapped when !oneLine; muted in the quieter colour.
    void text(const Ui& ui, const std::string& s, const Rect& box, float size, bool bold, bool muted,
              Align align = Align::Left, bool oneLine = true) {
        m_texts.push_back({ui.text(s, box, size, bold, align, oneLine, 0.5f), muted});
    }
    /// A text the screen laid out itself.
    void add(TextBlock block, bool muted) { m_texts.push_back({std::move(block), muted}); }
    void fill(const Rect& rect, sf::Color color, float radius = 0.0f) { m_shapes.push_back({rect, color, radius}); }

    /// The shapes; with `view` (a scrolled list), only those wholly inside it.
    void drawShapes(sf::RenderTarget& target, const Ui& ui, const Rect* view = nullptr) const {
        for (const Shape& shape : m_shapes)
            if (view == nullptr || view->encloses(shape.rect)) ui.box(target, shape.rect, shape.color, shape.radius);
    }
    /// The texts, drawn after the shapes (and whatever the screen puts between them).
    void drawTexts(sf::RenderTarget& target, const Ui& ui, const Rect* view = nullptr) const {
        const Palette& p = ui.palette();
        for (const Text& t : m_texts) {
            if (view != nullptr && (t.block.runs.empty() || !view->encloses(t.block.runs.front().box()))) continue;
            ui.draw(target, t.block, t.muted ? p.textMuted : p.text);
        }
    }

private:
    struct Shape {
        Rect rect;
        sf::Color color;
        float radius = 0.0f;
    };
    struct Text {
        TextBlock block;
        bool muted = false;
    };
    std::vector<Shape> m_shapes;
    std::vector<Text> m_texts;
};

}  // namespace attune::ui
