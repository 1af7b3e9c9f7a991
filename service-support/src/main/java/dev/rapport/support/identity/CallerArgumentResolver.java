package dev.rapport.support.identity;

import dev.rapport.contracts.identity.IdentityAssertion;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controller methods the verified caller as an {@link IdentityAssertion} parameter. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(IdentityAssertion.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Object identity = webRequest.getAttribute(IdentityFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (identity == null) {
            throw new IllegalStateException("no verified identity: is the endpoint outside /api/?");
        }
        return identity;
    }
}
