package dev.rapport.support.mongo;

import java.util.List;

/** The indexes one part of a service needs: a bean per service (its {@code XxxIndexes}), one for the support. */
@FunctionalInterface
public interface DeclaredIndexes {

    List<IndexDeclaration> indexes();
}
