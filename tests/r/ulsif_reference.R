# Reference numbers for tests/test_density_ratio.py::test_matches_r_densityratio_algorithm.
# A line-by-line R transcription of densityratio 0.2's ulsif() (model.matrix(~ . - 1) coding,
# numerator scaling, sigma grid, the C++ leave-one-out score, alpha, summary()'s PE), run on
# boys_pair() of that test (written to /tmp/rchk/nu.csv, de.csv) and the 200 kernel centres
# ulsif(seed=5) samples (their 1-based row numbers in rbind(nu, de), /tmp/rchk/idx.csv).
# Run: Rscript tests/r/ulsif_reference.R
nu <- read.csv("/tmp/rchk/nu.csv", stringsAsFactors=FALSE); de <- read.csv("/tmp/rchk/de.csv", stringsAsFactors=FALSE)
for (d in c("nu","de")) { x <- get(d)
  x$gen <- factor(x$gen, levels=paste0("G",1:5), ordered=TRUE); x$phb <- factor(x$phb, levels=paste0("P",1:6), ordered=TRUE)
  x$reg <- factor(x$reg, levels=c("north","east","west","south","city")); assign(d, x) }
idx <- read.csv("/tmp/rchk/idx.csv")[[1]]
alldat <- rbind(nu, de); numvars <- which(sapply(nu, is.numeric))
means <- colMeans(nu[, numvars]); sds <- sapply(nu[, numvars], sd)
alldat[, numvars] <- as.data.frame(scale(alldat[, numvars], center=means, scale=sds))
ce <- alldat[idx, ]
alldat2 <- rbind(alldat, ce); ind <- c(rep("nu", nrow(nu)), rep("de", nrow(de)), rep("ce", nrow(ce)))
mm <- model.matrix(~ . - 1, alldat2); print(colnames(mm))
X <- mm[ind=="nu",]; Y <- mm[ind=="de",]; C <- mm[ind=="ce",]
dist <- function(A,B) outer(rowSums(A^2), rowSums(B^2), "+") - 2*A%*%t(B)
dn <- pmax(dist(X,C),0); dd <- pmax(dist(Y,C),0)
dn <- cbind(0, dn); dd <- cbind(0, dd)
dpos <- dn[dn > 1e-9]
sigma <- sqrt(quantile(dpos, seq(0.05,0.95,length.out=10))/2)
lambda <- 10^seq(3,-3,length.out=20)
nnu <- nrow(dn); nde <- nrow(dd); nmin <- min(nnu,nde); ncol <- ncol(dn)
loo <- matrix(0, length(sigma), length(lambda))
for (s in seq_along(sigma)) { Knu <- exp(-dn/(2*sigma[s]^2)); Kde <- exp(-dd/(2*sigma[s]^2))
  H <- crossprod(Kde)/nde; h <- colMeans(Knu); Kn <- Knu[1:nmin,]; Kd <- Kde[1:nmin,]
  for (l in seq_along(lambda)) { la <- lambda[l]*(nde-1)/nde
    Binv <- solve(H + diag(la, ncol)); B0 <- matrix(Binv %*% h, ncol, nmin)
    B02 <- Kd %*% Binv
    B0 <- B0 + t(B02) %*% diag(as.vector(B02 %*% h / (nde - rowSums(Kd * B02))))
    B1 <- t(Kn %*% Binv); B12 <- rowSums(Kn * B02) / (nmin - rowSums(Kd * B02))
    B1 <- B1 + t(B02) %*% diag(B12)
    B2 <- (nnu*B0 - B1) * (nde-1) / (nde*(nnu-1)); B2[B2 < 0] <- 0
    wtr <- rowSums(Kd * t(B2)); wte <- rowSums(Kn * t(B2))
    loo[s,l] <- sum(wtr^2)/(2*nmin) - mean(wte) } }
mi <- arrayInd(which.min(loo), dim(loo)); so <- sigma[mi[1]]; lo <- lambda[mi[2]]
Knu <- exp(-dn/(2*so^2)); Kde <- exp(-dd/(2*so^2)); H <- crossprod(Kde)/nde; h <- colMeans(Knu)
alpha <- solve(H + diag(lo, ncol), h)
rn <- Knu %*% alpha; rd <- Kde %*% alpha
cat("sigma", so, "lambda", lo, "minloo", min(loo), "PE", mean(rn)/2 - mean(rd) + 0.5, "\n"); print(head(rn,5))
