"""What a form says when a value breaks a database constraint: one translated message per
constraint name, shown at the field the constraint is about, never the constraint's name.

`ConstraintMessagesFormMixin` validates every constraint of the form's model (check and unique
constraints alike) before anything is saved, including constraints over the parent row the form
does not show (the strategy of a new self-assessment) once the view has set it on the instance,
so that a value the database would refuse is refused at the field instead of an IntegrityError.
A constraint's own `violation_error_message` is used when it has one and is not listed here;
any other constraint still gets a translated generic message, and
tests/core/test_constraint_messages.py fails until a constraint a form can reach is listed here.
The messages of every app live here (constraint names are one namespace in the database) so
that every app's forms, the Django admin's included, share one mixin.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# constraint name → (the form field it is shown at, or "" for the whole form; the message)
CONSTRAINT_MESSAGES = {
    # strategies
    "strategy_horizon_2050": ("horizon", _("The strategy's horizon is 2050 (p.13).")),
    "one_open_strategy_per_city": (
        "city",
        _("The city already has a strategy being drafted or approved."),
    ),
    "one_approved_strategy_per_city": ("city", _("The city already has an approved strategy.")),
    "one_series_value_per_year": ("year", _("The series already has a value for this year.")),
    "series_value_year_in_range": ("year", _("The year is outside the series' period.")),
    "benchmark_year_in_range": (
        "year",
        _("The year of a best city's value is from 1991 to 2100."),
    ),
    "one_direction_of_each_kind": ("kind", _("The strategy already has this direction.")),
    "direction_kind_is_one_of_five": (
        "kind",
        _("A direction is one of the five of the Methodology (p.8)."),
    ),
    "one_assessment_per_sphere_and_year": (
        "sphere",
        _("This sphere is already assessed for that year: change that assessment instead."),
    ),
    "sphere_level_1_to_5": (
        "level",
        _("The level of a sphere is from 1 (initial) to 5 (leading), as the 2025 standard says."),
    ),
    "sphere_assessment_year_in_range": (
        "year",
        _("A self-assessment is made from 2025, the year of the reference standard."),
    ),
    "roadmap_cost_not_negative": ("cost", _("A cost is never negative.")),
    "roadmap_spent_not_negative": ("spent", _("The cost spent is never negative.")),
    "one_roadmap_progress_per_item_year": (
        "year",
        _("The item's status for this year is already recorded: change that record instead."),
    ),
    "roadmap_progress_year_in_range": (
        "year",
        _("Road map monitoring starts in 2025, the year of the reference standard."),
    ),
    "initiative_leaves_after_it_entered": (
        "year_left",
        _("An initiative leaves the base list after the year it entered it."),
    ),
    # indicators
    "sdg_goal_1_to_17": ("number", _("There are 17 Sustainable Development Goals.")),
    "one_milestone_per_year": ("year", _("The indicator already has a value for this year.")),
    "one_yearly_value_per_indicator_year": (
        "year",
        _("The indicator already has a value for this year."),
    ),
    "yearly_value_year_in_range": ("year", _("The year is outside the monitoring period.")),
    "indicator_baseline_before_2030": (
        "baseline_year",
        _("The baseline year comes before the first milestone."),
    ),
    "milestone_year_is_a_5_year_step": (
        "year",
        _("Milestones are set for 2030, 2035, 2040, 2045 and 2050."),
    ),
    # core
    "city_region_matches_category": (
        "region",
        _(
            "A regional centre needs its region; the capital and cities of republican "
            "significance have none."
        ),
    ),
    "organisation_territory_matches_kind": (
        "kind",
        _(
            "A city akimat belongs to a city, a regional akimat to a region, a maslikhat to one "
            "of them, the central body to neither."
        ),
    ),
    "one_organisation_of_a_kind_per_city": (
        "kind",
        _("The city already has an organisation of this kind."),
    ),
    "one_organisation_of_a_kind_per_region": (
        "kind",
        _("The region already has an organisation of this kind."),
    ),
    "one_membership_per_role": (
        "role",
        _("The user already has this role in this organisation."),
    ),
    # approvals
    "one_stage_of_a_kind_per_route": ("kind", _("The route already has a stage of this kind.")),
    "one_stage_per_position": ("position", _("The route already has a stage at this position.")),
    "remark_answer_has_response_and_reason": (
        "answer",
        _("Give the reason."),
    ),
    "hearing_period_is_not_reversed": (
        "published_until",
        _("The comment period ends after it starts."),
    ),
    "hearing_participants_in_range": (
        "participants",
        _("The number of participants is out of range."),
    ),
}


def constraint_message(constraint: models.BaseConstraint) -> tuple[str, object]:
    """The field and the translated message of a violated constraint."""
    if constraint.name in CONSTRAINT_MESSAGES:
        return CONSTRAINT_MESSAGES[constraint.name]
    if constraint.violation_error_message != constraint.default_violation_error_message:
        return "", constraint.violation_error_message
    return "", _("The values entered contradict each other or an existing record.")


class ConstraintMessagesFormMixin:
    """For a ModelForm: every constraint of the model is validated with the form's values and the
    parent rows already set on the instance; a violation is the constraint's translated message
    at its field (CONSTRAINT_MESSAGES), never Django's default naming the constraint."""

    def _post_clean(self):
        instance = self.instance
        instance.validate_constraints = lambda exclude=None: None  # validated below, by name
        try:
            super()._post_clean()
        finally:
            del instance.validate_constraints
        self._validate_each_constraint()

    def _validate_each_constraint(self) -> None:
        instance, model = self.instance, self._meta.model
        shown = set(self.fields)
        # Fields the form does not show are checked when the instance already has them (the
        # parent); fields the form shows are checked unless they are already in error.
        exclude = {
            f.name
            for f in model._meta.concrete_fields
            if (f.name not in shown and getattr(instance, f.attname) is None)
            or f.name in self._errors
        }
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, instance, exclude=exclude)
                except ValidationError:
                    field, message = constraint_message(constraint)
                    self.add_error(field if field in self.fields else None, message)


class ConstraintMessagesModelForm(ConstraintMessagesFormMixin, forms.ModelForm):
    """A ModelForm (e.g. for the admin) with constraint messages at the field."""
