"""Measuring what the lessons change: a pre-test, post-test and delayed test of discernment (mening against gevaar).

Sits beside `lessons` and `dialogue`: it reads `cms` (test items are `cms.Scenario` rows with a `test_form`),
`accounts` (classes and students) and `core`, and nothing imports it but `edu`. The scores live in `scoring`, a
pure module with no Django in it, so each formula can be checked by hand.
"""
