"""What was done to a copy, in plain English and Dutch."""

from __future__ import annotations

from desktop.core.transform_text import region_text, transform_parts, transform_text

FULL = {"crop": {"left": 6.0, "top": 3.0, "right": 0, "bottom": 0}, "scale": 0.5, "rotation": 90,
        "brightness": 1.10, "contrast": 1.0,
        "screenshot": {"picture_px": [1080, 810], "frame_px": [1128, 2400]}}


def test_a_crop_and_a_brightness_edit():
    t = {"crop": {"left": 6.0, "top": 3.0, "right": 0, "bottom": 0}, "brightness": 1.10}
    assert transform_text(t) == "cropped 6 % left and 3 % top, 10 % brighter"
    assert transform_text(t, "nl") == "6 % links en 3 % boven bijgesneden, 10 % lichter"


def test_a_screenshot_turned_and_reduced():
    assert transform_text(FULL) == ("screenshot: picture at 1080 × 810 px inside a 1128 × 2400 frame, "
                                    "cropped 6 % left and 3 % top, turned 90° clockwise, reduced to 50 %, "
                                    "10 % brighter")
    assert transform_text(FULL, "nl") == ("schermafbeelding: foto van 1080 × 810 px in een scherm van 1128 × 2400, "
                                          "6 % links en 3 % boven bijgesneden, 90° rechtsom gedraaid, "
                                          "verkleind tot 50 %, 10 % lichter")


def test_every_side_darker_and_less_contrast_other_turns():
    t = {"crop": {"left": 2, "top": 3, "right": 4, "bottom": 5.4}, "brightness": 0.8, "contrast": 0.75,
         "rotation": 270}
    assert transform_text(t) == ("cropped 2 % left, 3 % top, 4 % right and 5 % bottom, turned 90° anticlockwise, "
                                 "20 % darker, 25 % less contrast")
    assert transform_text(t, "nl") == ("2 % links, 3 % boven, 4 % rechts en 5 % onder bijgesneden, "
                                       "90° linksom gedraaid, 20 % donkerder, 25 % minder contrast")
    assert transform_text({"rotation": 180}, "nl") == "ondersteboven gedraaid"
    assert transform_text({"scale": 1.5, "contrast": 1.2}) == "enlarged to 150 %, 20 % more contrast"


def test_noise_and_nothing_say_nothing():
    assert transform_text(None) == "" and transform_text({}) == ""
    assert transform_text({"crop": {"left": 0.3, "top": 0.2}, "scale": 0.99, "brightness": 1.01,
                           "rotation": 0}) == ""
    assert transform_parts({"screenshot": True}, "nl") == ["schermafbeelding"]
    assert transform_text({"brightness": "n/a", "crop": "odd"}) == ""  # a value it cannot read is left out
    assert transform_text({"brightness": 1.1}, "de") == "10 % brighter"  # another language: English


def test_the_changed_region_of_an_edited_copy():
    assert region_text((12, 30, 20, 15)) == ("changed area 20 % wide and 15 % high, 12 % from the left and 30 % "
                                             "from the top")
    assert region_text((12, 30, 20, 15), "nl") == ("gewijzigd gebied van 20 % breed en 15 % hoog, 12 % van links "
                                                   "en 30 % van boven")
    assert region_text(None) == "" and region_text((1, 2)) == ""


def test_filters_of_the_whole_picture_are_named():
    t = {"brightness": 0.85, "filters": ["toned", "vignette"]}
    assert transform_text(t) == "15 % darker, toned in one colour (sepia), darker towards the corners (vignette)"
    assert transform_text(t, "nl") == ("15 % donkerder, in één kleur getint (sepia), "
                                       "donkerder naar de hoeken (vignet)")
    assert transform_text({"filters": ["black-and-white", "unknown"]}) == "in black and white"
    assert transform_text({"filters": "vignette"}) == ""  # not a list: nothing is made up
