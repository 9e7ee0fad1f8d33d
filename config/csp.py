"""The Content-Security-Policy, with one allowance for the admin.

Every page gets the strict policy of settings.CONTENT_SECURITY_POLICY. The admin's vendored
widgets (select2 for autocomplete) write inline style attributes; on /admin/ only, styles may
be inline. Scripts stay 'self' everywhere."""

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if request.path.startswith("/admin/") and getattr(response, "_csp_update", None) is None:
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().process_response(request, response)
