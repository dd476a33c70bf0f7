"""Browser views of core."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.limits import RESET_EMAIL_RATE_PER_ACCOUNT, RESET_EMAIL_RATE_PER_ADDRESS, over_limit


def _typed_email(_group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().casefold()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with the e-mails it sends limited per client address and per
    e-mail address typed (whether or not an account has it, so the answer tells nothing), so
    that nobody floods a mailbox or the mail server. Only a valid request counts."""

    refused = _("Too many password reset requests; please try again in an hour.")

    def form_valid(self, form):
        over = [
            over_limit(
                self.request, group="password-reset-address", rate=RESET_EMAIL_RATE_PER_ADDRESS
            ),
            over_limit(
                self.request,
                group="password-reset-account",
                rate=RESET_EMAIL_RATE_PER_ACCOUNT,
                key=_typed_email,
            ),
        ]
        if any(over):
            form.add_error("email", self.refused)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
