package io.cloudpro.privacy.domain;

/** How the person was verified: by their login session, or by a code mailed to their address. */
public enum Channel { LOGIN, EMAIL }
