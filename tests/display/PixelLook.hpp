// How a rendered image looks at a glance: the share of its pixels unlike the background corner
// and how many colours it holds, to tell a drawn screen from an empty page or a flat fill.
#pragma once

#include <SFML/Graphics/Image.hpp>

#include <cstddef>
#include <set>

namespace attune::testing {

struct Look {
    double inked = 0.0;       // share of pixels unlike the background corner
    std::size_t colours = 0;  // distinct colours (5 bits a channel)
};

/// Every second pixel of every second row is enough to tell.
inline Look lookAt(const sf::Image& image) {
    const sf::Color background = image.getPixel(1, 1);
    std::size_t different = 0;
    std::set<unsigned> colours;
    const auto size = image.getSize();
    for (unsigned y = 0; y < size.y; y += 2) {
        for (unsigned x = 0; x < size.x; x += 2) {
            const sf::Color c = image.getPixel(x, y);
            if (c != background) ++different;
            colours.insert((static_cast<unsigned>(c.r) >> 3) << 10 | (static_cast<unsigned>(c.g) >> 3) << 5 |
                           (static_cast<unsigned>(c.b) >> 3));
        }
    }
    return {static_cast<double>(different) / static_cast<double>((size.x / 2) * (size.y / 2)), colours.size()};
}

}  // namespace attune::testing
